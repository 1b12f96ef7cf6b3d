// The child: name, ID number (birth date and gender shown as soon as it checks out), birth certificate.
import { Text, View } from '@tarojs/components';
import { idNumberParse } from '@shared/idNumber';
import { Field } from '../../../../components/Field';
import type { SectionProps } from './props';
import { dateTextLabel } from '@shared/time';

export function ChildSection({ form, set, problem, touch }: SectionProps) {
  const id = idNumberParse(form.idNumber);
  return (
    <View className="card" id="child-card">
      <Text className="card-title">2 儿童信息</Text>
      <Field
        id="child-name"
        label="儿童姓名（与户口簿一致）"
        value={form.childName}
        problem={problem('childName')}
        onChange={(v) => set('childName', v)}
        onBlur={() => touch('childName')}
      />
      <Field
        id="id-number"
        label="儿童身份证号"
        type="idcard"
        maxlength={20}
        value={form.idNumber}
        problem={problem('idNumber')}
        onChange={(v) => set('idNumber', v)}
        onBlur={() => touch('idNumber')}
      />
      {!problem('idNumber') && id.status === 'valid' ? (
        <Text
          className="field-ok"
          id="id-number-ok"
        >{`出生日期 ${dateTextLabel(id.birthDate)}，性别${id.gender === 'M' ? '男' : '女'}`}</Text>
      ) : null}
      <Field
        id="birth-cert"
        label="出生医学证明编号"
        placeholder="如 O110123456"
        maxlength={10}
        value={form.birthCertificateNo}
        problem={problem('birthCertificateNo')}
        onChange={(v) => set('birthCertificateNo', v.toUpperCase())}
        onBlur={() => touch('birthCertificateNo')}
      />
    </View>
  );
}
