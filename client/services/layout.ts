/**
 * Desk or phone: at widths of 1024 px and more (a PC browser, WeChat on a PC) pages use the width
 * — tables with headers, several columns of cards; below it they keep the phone layout.
 */
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';

export const DESK_MIN_WIDTH = 1024;

function deskNow(): boolean {
  if (process.env.TARO_ENV === 'h5')
    return typeof window !== 'undefined' && window.matchMedia(`(min-width: ${DESK_MIN_WIDTH}px)`).matches;
  try {
    return Taro.getWindowInfo().windowWidth >= DESK_MIN_WIDTH;
  } catch {
    return false;
  }
}

/** Whether the page is shown at desk width; follows the window as it is resized. */
export function useDesk(): boolean {
  const [desk, setDesk] = useState(deskNow);
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return undefined;
    const q = window.matchMedia(`(min-width: ${DESK_MIN_WIDTH}px)`);
    const on = () => setDesk(q.matches);
    q.addEventListener('change', on);
    return () => q.removeEventListener('change', on);
  }, []);
  return desk;
}
