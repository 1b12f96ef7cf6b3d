// Guardians: at least one; relation, name, ID number, mobile.
import { Button, Text, View } from '@tarojs/components';
import { emptyGuardian, guardianRelations } from '@shared/registration/form';
import { Chips } from '../../../../components/Chips';
import { Field } from '../../../../components/Field';
import type { SectionProps } from './props';

export function GuardiansSection({ form, set, problem, touch }: SectionProps) {
  return (
    <View className="card" id="guardians-card">
      <Text className="card-title">3 监护人</Text>
      {form.guardians.map((g, i) => (
        <View key={i} className="sub-card">
          <Chips
            id={`g${i}-relation`}
            options={guardianRelations.map((r) => ({ value: r, label: r }))}
            value={g.relation}
            onChange={(v) => set(`guardians.${i}.relation`, v)}
          />
          <Field
            id={`g${i}-name`}
            label="姓名"
            value={g.name}
            problem={problem(`guardians.${i}.name`)}
            onChange={(v) => set(`guardians.${i}.name`, v)}
            onBlur={() => touch(`guardians.${i}.name`)}
          />
          <Field
            id={`g${i}-id`}
            label="身份证号"
            type="idcard"
            maxlength={20}
            value={g.idNumber}
            problem={problem(`guardians.${i}.idNumber`)}
            onChange={(v) => set(`guardians.${i}.idNumber`, v)}
            onBlur={() => touch(`guardians.${i}.idNumber`)}
          />
          <Field
            id={`g${i}-mobile`}
            label="手机号码"
            type="number"
            maxlength={11}
            value={g.mobile}
            problem={problem(`guardians.${i}.mobile`)}
            onChange={(v) => set(`guardians.${i}.mobile`, v)}
            onBlur={() => touch(`guardians.${i}.mobile`)}
          />
          {form.guardians.length > 1 ? (
            <Button
              size="mini"
              className="btn"
              onClick={() =>
                set(
                  'guardians',
                  form.guardians.filter((_, k) => k !== i),
                )
              }
            >
              删除这位监护人
            </Button>
          ) : null}
        </View>
      ))}
      {form.guardians.length < 4 ? (
        <Button
          size="mini"
          className="btn"
          id="add-guardian"
          onClick={() => set('guardians', [...form.guardians, { ...emptyGuardian, relation: '父亲' }])}
        >
          添加监护人
        </Button>
      ) : null}
      {problem('guardians') ? <Text className="field-error">{problem('guardians')}</Text> : null}
    </View>
  );
}
