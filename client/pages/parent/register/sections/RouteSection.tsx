// 户籍 and 房产, or the migrant route (居住证, 社保, registered rental).
import { Text, View } from '@tarojs/components';
import { ownerRelations, propertyTypes, type Property } from '@shared/registration/form';
import { Chips, yesNo } from '../../../../components/Chips';
import { DateField } from '../../../../components/DateField';
import { Field } from '../../../../components/Field';
import type { SectionProps } from './props';

const emptyProperty: Property = {
  inZone: true,
  type: '不动产权证',
  certificateNo: '',
  address: '',
  owners: '',
  ownerRelation: '父母',
  sharePercent: 100,
  acquiredOn: '',
};
const emptyMigrant = {
  residencePermitNo: '',
  residencePermitSince: '',
  socialInsuranceMonths: 0,
  rentalRegistered: true,
  rentalInZone: true,
  rentalAddress: '',
};

/** The earliest date the validators accept for a property or a residence permit. */
const EARLIEST = '1950-01-01';

export function RouteSection({ form, ctx, set, problem, touch }: SectionProps) {
  const f = (
    id: string,
    label: string,
    path: string,
    value: string,
    extra: { placeholder?: string; type?: 'text' | 'number' } = {},
  ) => (
    <Field
      id={id}
      label={label}
      value={value}
      problem={problem(path)}
      onChange={(v) => set(path, extra.type === 'number' ? Number(v) || 0 : v)}
      onBlur={() => touch(path)}
      {...extra}
    />
  );
  const p = form.property;
  const m = form.migrant;
  return (
    <View className="card" id="route-card">
      <Text className="card-title">4 户籍、房产或居住证</Text>
      <Chips
        id="route"
        options={[
          { value: 'resident', label: '本县户籍/房产' },
          { value: 'migrant', label: '随迁子女（居住证）' },
        ]}
        value={form.route}
        onChange={(v) => {
          set('route', v);
          if (v === 'migrant' && !form.migrant) set('migrant', emptyMigrant);
        }}
      />
      {form.route === 'resident' ? (
        <View>
          <Text className="label">户籍是否在所选学区</Text>
          <Chips
            id="hukou-in-zone"
            options={yesNo}
            value={form.hukou.inZone}
            onChange={(v) => set('hukou.inZone', v)}
          />
          {f('hukou-address', '户籍地址', 'hukou.address', form.hukou.address)}
          {f('hukou-head', '户主姓名', 'hukou.householdHead', form.hukou.householdHead)}
          <Text className="label">儿童与父亲或母亲在同一户口簿上（人户一致）</Text>
          <Chips
            id="with-parent"
            options={yesNo}
            value={form.hukou.childWithParent}
            onChange={(v) => set('hukou.childWithParent', v)}
          />
        </View>
      ) : m ? (
        <View>
          {f('permit-no', '居住证编号', 'migrant.residencePermitNo', m.residencePermitNo)}
          <DateField
            id="permit-since"
            label="居住证办理日期"
            value={m.residencePermitSince}
            start={EARLIEST}
            end={ctx.today}
            problem={problem('migrant.residencePermitSince')}
            onChange={(v) => {
              set('migrant.residencePermitSince', v);
              touch('migrant.residencePermitSince');
            }}
          />
          {f(
            'insurance',
            '本县社保连续缴费月数（补缴不计）',
            'migrant.socialInsuranceMonths',
            String(m.socialInsuranceMonths),
            { type: 'number' },
          )}
          <Text className="label">租赁住房已备案</Text>
          <Chips
            id="rental-registered"
            options={yesNo}
            value={m.rentalRegistered}
            onChange={(v) => set('migrant.rentalRegistered', v)}
          />
          <Text className="label">租赁住房在所选学区</Text>
          <Chips
            id="rental-in-zone"
            options={yesNo}
            value={m.rentalInZone}
            onChange={(v) => set('migrant.rentalInZone', v)}
          />
          {f('rental-address', '租赁住房地址', 'migrant.rentalAddress', m.rentalAddress)}
        </View>
      ) : null}
      <Text className="label">家庭在学区内有房产</Text>
      <Chips
        id="has-property"
        options={yesNo}
        value={p !== null}
        onChange={(v) => set('property', v ? emptyProperty : null)}
      />
      {p ? (
        <View>
          <Chips
            id="property-type"
            options={propertyTypes.map((t) => ({ value: t, label: t }))}
            value={p.type}
            onChange={(v) => set('property.type', v)}
          />
          {f('property-no', '证书号或合同编号', 'property.certificateNo', p.certificateNo)}
          {f('property-address', '房产地址', 'property.address', p.address)}
          {f('property-owners', '产权人', 'property.owners', p.owners)}
          <Text className="label">产权人是儿童的</Text>
          <Chips
            id="owner-relation"
            options={ownerRelations.map((r) => ({ value: r, label: r }))}
            value={p.ownerRelation}
            onChange={(v) => set('property.ownerRelation', v)}
          />
          {f('property-share', '家庭所占产权份额（%）', 'property.sharePercent', String(p.sharePercent), {
            type: 'number',
          })}
          <DateField
            id="property-date"
            label="取得房产日期"
            value={p.acquiredOn}
            start={EARLIEST}
            end={ctx.today}
            problem={problem('property.acquiredOn')}
            onChange={(v) => {
              set('property.acquiredOn', v);
              touch('property.acquiredOn');
            }}
          />
          <Text className="label">房产在所选学区</Text>
          <Chips
            id="property-in-zone"
            options={yesNo}
            value={p.inZone}
            onChange={(v) => set('property.inZone', v)}
          />
        </View>
      ) : null}
    </View>
  );
}
