// A long step in progress (an Excel import takes 1–5 s): what is happening now, a moving bar and
// the seconds so far, so the officer knows the page is working and does not tap again.
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';

export function Progress({ id, step }: { id: string; step: string | null }) {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    setSeconds(0);
    if (!step) return undefined;
    const t = setInterval(() => setSeconds((s) => s + 1), 1000);
    return () => clearInterval(t);
  }, [step]);
  if (!step) return null;
  return (
    <View className="progress" id={id} aria-live="polite">
      <Text className="progress-text">{`${step}${seconds > 0 ? `（已用 ${seconds} 秒）` : ''}`}</Text>
      <View className="progress-track">
        <View className="progress-bar" />
      </View>
    </View>
  );
}
