// A labelled text input with its problem underneath (shown once the field was touched), read out
// as it appears and tied to the input, so a screen reader says which field is wrong.
import { Input, Text, View } from '@tarojs/components';
import { errorIdOf, inputA11y, liveA11y } from './a11y';

interface Props {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly problem: string | null;
  readonly placeholder?: string;
  readonly type?: 'text' | 'number' | 'idcard' | 'digit';
  readonly maxlength?: number;
  onChange(v: string): void;
  onBlur?(): void;
}

export function Field(p: Props) {
  return (
    <View className="field" id={`field-${p.id}`}>
      <Text className="label">{p.label}</Text>
      <Input
        className={`input ${p.problem ? 'input-error' : ''}`}
        id={p.id}
        value={p.value}
        type={p.type ?? 'text'}
        maxlength={p.maxlength ?? 60}
        placeholder={p.placeholder ?? ''}
        onInput={(e) => p.onChange(e.detail.value)}
        onBlur={() => p.onBlur?.()}
        {...inputA11y(p.label, { id: p.id, problem: p.problem })}
      />
      {p.problem ? (
        <Text className="field-error" id={errorIdOf(p.id)} {...liveA11y(true)}>
          {p.problem}
        </Text>
      ) : null}
    </View>
  );
}
