// Special groups, siblings already at school, twins registering together.
import { Button, Text, View } from '@tarojs/components';
import { disabilityCategories, policyGroups } from '@shared/registration/form';
import { Chips, yesNo } from '../../../../components/Chips';
import { Field } from '../../../../components/Field';
import type { SectionProps } from './props';

export function SpecialSection({ form, ctx, set, problem, touch }: SectionProps) {
  const s = form.special;
  return (
    <View className="card" id="special-card">
      <Text className="card-title">5 特殊情况（如实填写，用于安排帮扶，不影响公平录取）</Text>
      <Text className="label">留守儿童</Text>
      <Chips
        id="left-behind"
        options={yesNo}
        value={s.leftBehind}
        onChange={(v) => set('special.leftBehind', v)}
      />
      <Text className="label">需要随班就读支持（残疾类别）</Text>
      <Chips
        id="disability"
        options={[{ value: null, label: '无' }, ...disabilityCategories.map((c) => ({ value: c, label: c }))]}
        value={s.disability}
        onChange={(v) => set('special.disability', v)}
      />
      <Text className="label">建档立卡或低保家庭</Text>
      <Chips id="hardship" options={yesNo} value={s.hardship} onChange={(v) => set('special.hardship', v)} />
      <Text className="label">政策优待对象</Text>
      <Chips
        id="policy-group"
        options={[{ value: null, label: '无' }, ...policyGroups.map((c) => ({ value: c, label: c }))]}
        value={s.policyGroup}
        onChange={(v) => set('special.policyGroup', v)}
      />
      {s.policyGroup ? (
        <Field
          id="policy-proof"
          label="优待证明编号"
          value={s.policyProofNo}
          problem={problem('special.policyProofNo')}
          onChange={(v) => set('special.policyProofNo', v)}
          onBlur={() => touch('special.policyProofNo')}
        />
      ) : null}

      <Text className="label">已在本县就读的哥哥姐姐（用于同校就读）</Text>
      {form.siblings.map((sib, i) => (
        <View key={i} className="sub-card">
          <Field
            id={`sib${i}-name`}
            label="姓名"
            value={sib.name}
            problem={problem(`siblings.${i}.name`)}
            onChange={(v) => set(`siblings.${i}.name`, v)}
            onBlur={() => touch(`siblings.${i}.name`)}
          />
          <Chips
            id={`sib${i}-school`}
            options={ctx.schools.map((x) => ({ value: x.id as string, label: x.name }))}
            value={sib.schoolId}
            onChange={(v) => set(`siblings.${i}.schoolId`, v)}
          />
          <Field
            id={`sib${i}-grade`}
            label="年级"
            value={sib.grade}
            problem={null}
            onChange={(v) => set(`siblings.${i}.grade`, v)}
          />
        </View>
      ))}
      <Button
        size="mini"
        className="btn"
        onClick={() => set('siblings', [...form.siblings, { name: '', schoolId: '', grade: '' }])}
      >
        添加哥哥姐姐
      </Button>

      <Text className="label">双胞胎或多胞胎一起报名（派位时绑定）</Text>
      {form.twinIdNumbers.map((t, i) => (
        <Field
          key={i}
          id={`twin${i}`}
          label={`同胞${i + 1}身份证号`}
          type="idcard"
          maxlength={20}
          value={t}
          problem={problem(`twinIdNumbers.${i}`)}
          onChange={(v) => set(`twinIdNumbers.${i}`, v)}
          onBlur={() => touch(`twinIdNumbers.${i}`)}
        />
      ))}
      <Button size="mini" className="btn" onClick={() => set('twinIdNumbers', [...form.twinIdNumbers, ''])}>
        添加同胞
      </Button>
    </View>
  );
}
