/**
 * Named case corpus for priority tiers: each case is a family's story, the tier it earns under
 * the default settings, and the reason the parent reads. Plus properties of the rules.
 */
import fc from 'fast-check';
import { asCstDate } from '../../shared/brand';
import type { RegistrationForm } from '../../shared/registration/form';
import { monthsBetween, tierAssess } from '../../shared/registration/tier';
import { policyDefaults, type PolicySettings } from '../../shared/settings';
import { formMake, migrantForm } from '../helpers/forms';

const S = policyDefaults(2027);
const TODAY = asCstDate('2027-05-10');
const noHome = { property: null };

const corpus: [string, RegistrationForm, number | null, string][] = [
  [
    '本地户籍，父母在学区有房，孩子和父母在一个户口本上',
    formMake(),
    1,
    '户籍与房产均在学区且人户一致 → 一类',
  ],
  [
    '户籍和房产都在学区，但孩子挂在祖父母户口上（人户不一致）',
    formMake({ hukou: { ...formMake().hukou, childWithParent: false } }),
    2,
    '户籍在学区 → 二类',
  ],
  ['户籍在学区，家里在学区没有房', formMake(noHome), 2, '户籍在学区 → 二类'],
  [
    '在学区买了房，户口还在乡下',
    formMake({ hukou: { ...formMake().hukou, inZone: false } }),
    3,
    '父母或本人房产在学区 → 三类',
  ],
  [
    '房子是祖父母的，户口不在学区',
    formMake({
      hukou: { ...formMake().hukou, inZone: false },
      property: { ...formMake().property!, ownerRelation: '祖父母' },
    }),
    null,
    '不符合学区入学条件，由教育局统筹安排学位',
  ],
  [
    '随迁子女：居住证两年、社保26个月、租房已备案在学区',
    migrantForm(),
    4,
    '随迁子女：居住证满12个月、社保连续12个月、租赁备案在学区 → 四类',
  ],
  [
    '随迁子女：社保只交了8个月',
    migrantForm({ migrant: { ...migrantForm().migrant!, socialInsuranceMonths: 8 } }),
    null,
    '社保连续缴纳8个月，不足12个月',
  ],
  [
    '随迁子女：居住证去年12月才办',
    migrantForm({ migrant: { ...migrantForm().migrant!, residencePermitSince: '2026-12-01' } }),
    null,
    '居住证办理5个月，不足12个月',
  ],
  [
    '随迁子女：租房没备案',
    migrantForm({ migrant: { ...migrantForm().migrant!, rentalRegistered: false } }),
    null,
    '租赁住房未备案',
  ],
  [
    '随迁子女但在学区买了房',
    migrantForm({ property: formMake().property }),
    3,
    '父母或本人房产在学区 → 三类',
  ],
  [
    '军人子女，户口和房子都不在学区，有优待证明',
    formMake({
      ...noHome,
      hukou: { ...formMake().hukou, inZone: false },
      special: { ...formMake().special, policyGroup: '军人子女', policyProofNo: 'JR2027-001' },
    }),
    1,
    '军人子女（凭优待证明） → 一类',
  ],
  [
    '说是人才家庭但没有证明编号',
    formMake({
      ...noHome,
      hukou: { ...formMake().hukou, inZone: false },
      special: { ...formMake().special, policyGroup: '高层次人才', policyProofNo: '' },
    }),
    null,
    '不属于政策优待对象',
  ],
];

describe('tier corpus (default settings)', () => {
  test.each(corpus)('%s', (_story, form, tier, reason) => {
    const a = tierAssess(form, S, TODAY);
    if (tier === null) {
      expect(a.status).toBe('ineligible');
      expect(a.reasons).toContain(reason);
      expect(a.reasons.at(-1)).toBe('不符合学区入学条件，由教育局统筹安排学位');
    } else {
      expect(a).toEqual({
        status: 'eligible',
        tier,
        label: ['一类', '二类', '三类', '四类'][tier - 1],
        reasons: [reason],
      });
    }
  });
});

describe('tier settings belong to the bureau', () => {
  test('a county that ranks property above hukou gets that order', () => {
    const s: PolicySettings = {
      ...S,
      tiers: [
        { tier: 1, label: '第一批', criteria: ['hukou_property_consistent'] },
        { tier: 2, label: '第二批', criteria: ['property_in_zone'] },
        { tier: 3, label: '第三批', criteria: ['hukou_in_zone'] },
      ],
    };
    const a = tierAssess(formMake({ hukou: { ...formMake().hukou, childWithParent: false } }), s, TODAY);
    expect(a).toMatchObject({ tier: 2, label: '第二批' });
    // Migrants are not a tier in this county: 统筹.
    expect(tierAssess(migrantForm(), s, TODAY).status).toBe('ineligible');
  });

  test('migrant thresholds are settings', () => {
    const f = migrantForm({ migrant: { ...migrantForm().migrant!, socialInsuranceMonths: 8 } });
    expect(tierAssess(f, { ...S, migrantSocialInsuranceMonths: 6 }, TODAY)).toMatchObject({ tier: 4 });
  });
});

describe('tier properties', () => {
  const formArb = fc.record({
    route: fc.constantFrom('resident' as const, 'migrant' as const),
    hukouInZone: fc.boolean(),
    withParent: fc.boolean(),
    hasHome: fc.boolean(),
    homeInZone: fc.boolean(),
    owner: fc.constantFrom('父母' as const, '本人' as const, '祖父母' as const, '其他' as const),
    permitMonths: fc.integer({ min: 0, max: 60 }),
    insurance: fc.integer({ min: 0, max: 60 }),
    rental: fc.boolean(),
    rentalInZone: fc.boolean(),
    policy: fc.boolean(),
  });
  type Facts = typeof formArb extends fc.Arbitrary<infer T> ? T : never;
  const build = (x: Facts): RegistrationForm => {
    const base = formMake();
    const since = new Date(Date.UTC(2027, 4 - x.permitMonths, 10)).toISOString().slice(0, 10);
    return {
      ...base,
      route: x.route,
      hukou: { ...base.hukou, inZone: x.hukouInZone, childWithParent: x.withParent },
      property: x.hasHome ? { ...base.property!, inZone: x.homeInZone, ownerRelation: x.owner } : null,
      migrant:
        x.route === 'migrant'
          ? {
              residencePermitNo: '330122201900123',
              residencePermitSince: since,
              socialInsuranceMonths: x.insurance,
              rentalRegistered: x.rental,
              rentalInZone: x.rentalInZone,
              rentalAddress: '某路',
            }
          : null,
      special: {
        ...base.special,
        policyGroup: x.policy ? '军人子女' : null,
        policyProofNo: x.policy ? 'P-1' : '',
      },
    };
  };

  test('every assessment has a tier from the settings or is 统筹, and always gives a reason', () => {
    fc.assert(
      fc.property(formArb, (x) => {
        const a = tierAssess(build(x), S, TODAY);
        return a.reasons.length > 0 && (a.status === 'ineligible' || S.tiers.some((t) => t.tier === a.tier));
      }),
    );
  });

  test('gaining a fact never lowers the tier (monotone)', () => {
    const rank = (a: ReturnType<typeof tierAssess>) => (a.status === 'eligible' ? a.tier : 99);
    fc.assert(
      fc.property(
        formArb,
        fc.constantFrom('hukouInZone', 'withParent', 'homeInZone', 'policy', 'rental', 'rentalInZone'),
        (x, key) => {
          const before = rank(tierAssess(build({ ...x, [key]: false }), S, TODAY));
          const after = rank(tierAssess(build({ ...x, [key]: true }), S, TODAY));
          return after <= before;
        },
      ),
    );
  });

  test('the policy priority always gives tier 1 under the defaults', () => {
    fc.assert(
      fc.property(formArb, (x) => tierAssess(build({ ...x, policy: true }), S, TODAY).status === 'eligible'),
    );
  });

  test('monthsBetween counts whole months', () => {
    expect(monthsBetween('2026-05-10', '2027-05-10')).toBe(12);
    expect(monthsBetween('2026-05-11', '2027-05-10')).toBe(11);
    expect(monthsBetween('2027-01-31', '2027-02-28')).toBe(0);
  });
});
