// A date chosen from a picker, never typed (issue 17, defect 9): WeChat's date Picker; in the
// browser (H5) the browser's own date input, which phones show as a date wheel. The value is
// `YYYY-MM-DD`, limited to [start, end]; the shared validators check the range again.
import { Picker, Text, View } from '@tarojs/components';
import { errorIdOf, liveA11y, tapA11y } from './a11y';

interface Props {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly start: string;
  readonly end: string;
  readonly problem: string | null;
  onChange(v: string): void;
}

export function DateField(p: Props) {
  return (
    <View className="field" id={`field-${p.id}`}>
      <Text className="label">{p.label}</Text>
      {process.env.TARO_ENV === 'h5' ? (
        <input
          className={`input date-input ${p.problem ? 'input-error' : ''}`}
          id={p.id}
          type="date"
          value={p.value}
          min={p.start}
          max={p.end}
          onChange={(e) => p.onChange(e.target.value)}
          aria-label={p.label}
          aria-invalid={p.problem ? true : undefined}
          aria-describedby={p.problem ? errorIdOf(p.id) : undefined}
        />
      ) : (
        <Picker
          mode="date"
          value={p.value || p.end}
          start={p.start}
          end={p.end}
          onChange={(e) => p.onChange(String(e.detail.value))}
        >
          <View
            className={`input ${p.problem ? 'input-error' : ''}`}
            id={p.id}
            {...tapA11y('button', { label: `${p.label}：${p.value || '请选择日期'}` })}
          >
            <Text className={p.value ? '' : 'muted'}>{p.value || '请选择日期'}</Text>
          </View>
        </Picker>
      )}
      {p.problem ? (
        <Text className="field-error" id={errorIdOf(p.id)} {...liveA11y(true)}>
          {p.problem}
        </Text>
      ) : null}
    </View>
  );
}
