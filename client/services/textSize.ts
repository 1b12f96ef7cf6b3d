/**
 * 大字模式 (issue 22): the browser build sizes everything from the root font size, which Taro sets
 * from the screen width (40 × width / 750, between 20 and 40 px — the script in index.html). The
 * chosen scale multiplies it, so text, spacing and tap targets grow together and the page reflows
 * at the same width, as it does with the browser zoomed. The choice is kept on the phone. In
 * WeChat the pages size in rpx, which follow the screen, not this setting.
 */
import Taro from '@tarojs/taro';

const KEY = 'junheng.textScale';

export const textScales = [
  { value: '1', label: '标准' },
  { value: '1.5', label: '大字' },
  { value: '2', label: '特大字' },
] as const;

export type TextScale = (typeof textScales)[number]['value'];

export function textScaleGet(): TextScale {
  const v = Taro.getStorageSync<string>(KEY);
  return textScales.some((s) => s.value === v) ? (v as TextScale) : '1';
}

function rootApply(): void {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return;
  const html = document.documentElement;
  const r = html.getBoundingClientRect();
  const w = Math.min(...[r.width, r.height].filter(Boolean));
  // At desk width desk.css fixes the root at 22 px (!important), so the scale must be too.
  const base = r.width >= 1024 ? 22 : Math.min(40, Math.max(20, (40 * w) / 750));
  html.style.setProperty('font-size', `${base * Number(textScaleGet())}px`, 'important');
  html.dataset['textScale'] = textScaleGet();
}

export function textScaleSet(v: TextScale): void {
  Taro.setStorageSync(KEY, v);
  rootApply();
}

/** Applies the kept choice now and again after Taro's own resize handler has run. */
export function textScaleStart(): void {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return;
  rootApply();
  window.addEventListener('resize', () => {
    setTimeout(rootApply, 0);
    setTimeout(rootApply, 600);
  });
}
