// 我的 · 字号: 大字模式 for parents and grandparents whose phone setting does not reach the
// browser (issue 22). Browser build only; kept on the phone (client/services/textSize.ts).
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { textScaleGet, textScaleSet, textScales, type TextScale } from '../services/textSize';
import { Chips } from './Chips';

export function TextSize() {
  const [scale, setScale] = useState<TextScale>(textScaleGet);
  if (process.env.TARO_ENV !== 'h5') return null;
  return (
    <View className="card" id="text-size">
      <Text className="card-title">我的 · 字号</Text>
      <Text className="muted line">看不清时选“大字”或“特大字”，本机会记住。</Text>
      <Chips<TextScale>
        id="text-scale"
        label="字号"
        options={textScales}
        value={scale}
        onChange={(v) => {
          textScaleSet(v);
          setScale(v);
        }}
      />
    </View>
  );
}
