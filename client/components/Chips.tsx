// A row of tappable options (radio-like); works the same in WeChat and H5 and in tests.
import { Text, View } from '@tarojs/components';
import { tapA11y } from './a11y';

interface Props<T extends string | boolean | null> {
  readonly id: string;
  readonly options: readonly { readonly value: T; readonly label: string }[];
  readonly value: T;
  /** What is being chosen, for a screen reader (the label shown above the chips). */
  readonly label?: string;
  onChange(v: T): void;
}

export function Chips<T extends string | boolean | null>(p: Props<T>) {
  return (
    <View className="chips" id={p.id} {...(p.label ? { role: 'radiogroup', 'aria-label': p.label } : {})}>
      {p.options.map((o) => (
        <Text
          {...tapA11y('radio', { checked: p.value === o.value })}
          key={String(o.value)}
          className={`chip ${p.value === o.value ? 'chip-on' : ''}`}
          id={`${p.id}-${String(o.value)}`}
          onClick={() => p.onChange(o.value)}
        >
          {o.label}
        </Text>
      ))}
    </View>
  );
}

export const yesNo = [
  { value: true, label: '是' },
  { value: false, label: '否' },
] as const;
