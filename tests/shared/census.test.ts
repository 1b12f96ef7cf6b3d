/**
 * 控辍保学 roster: parsing with row-level problems (named cases), and the comparison with
 * registrations — each child in exactly one bucket, the furthest stage wins, per-township
 * 入学率 (a property over random rosters: buckets add up, the rate is placed+reported / roster).
 */
import fc from 'fast-check';
import { censusCompare, censusTableParse, type EnrolmentStage } from '../../shared/oversight/census';
import { idNumberMake } from '../helpers/ids';

const id = (n: number) => idNumberMake('2020-04-01', n);
const row = (n: number, township = '城关镇', group = '') => [
  id(n),
  `儿童${n}`,
  township,
  '和平社区',
  '王强',
  '13812345678',
  group,
];

test('a clean roster parses; ids are normalised and masked in the comparison', () => {
  const r = censusTableParse([row(1), row(2, '石桥乡', '留守儿童、随迁子女'), ['', '', '', '', '', '', '']]);
  if (r.status !== 'valid') throw new Error(JSON.stringify(r.problems));
  expect(r.children).toHaveLength(2);
  expect(r.children[1]).toMatchObject({
    township: '石桥乡',
    groups: ['留守儿童', '随迁子女'],
    birthDate: '2020-04-01',
  });
  const cmp = censusCompare(r.children, []);
  expect(cmp.rows[0]?.idMasked).toMatch(/^3301\*+\d{3}[\dX]$/);
});

test.each([
  ['a bad identity number', [['110101202004010000', '甲', '城关镇', '', '', '', '']], /第2行.*校验位不正确/],
  ['a duplicate child', [row(1), row(1)], /第3行.*与第2行重复/],
  ['no township', [[id(3), '乙', '', '', '', '', '']], /第2行.*请填写乡镇/],
  ['a bad phone', [[id(4), '丙', '城关镇', '', '', '12345', '']], /联系电话应为11位手机号/],
  ['an unknown group', [row(5, '城关镇', '外星儿童')], /类别“外星儿童”无法识别/],
  ['an empty roster', [], /名册中没有数据/],
] as const)('%s is reported with its row', (_n, rows, pattern) => {
  const r = censusTableParse(rows as unknown as string[][]);
  expect(r.status).toBe('invalid');
  if (r.status === 'invalid')
    expect(r.problems.map((p) => `第${p.row}行：${p.message}`).join('\n')).toMatch(pattern);
});

test('named: not registered, registered not placed, placed not reported, reported; the furthest stage wins', () => {
  const r = censusTableParse([row(1), row(2), row(3), row(4), row(5, '石桥乡')]);
  if (r.status !== 'valid') throw new Error('roster');
  const cmp = censusCompare(r.children, [
    { id: 'r2', idNumber: id(2), stage: 'registered' },
    { id: 'r3', idNumber: id(3), stage: 'placed' },
    { id: 'r4a', idNumber: id(4), stage: 'registered' },
    { id: 'r4b', idNumber: id(4), stage: 'reported' },
    { id: 'x', idNumber: id(99), stage: 'placed' }, // registered from outside the roster: not counted
  ]);
  expect(cmp.rows.map((x) => [x.name, x.bucket, x.registrationId])).toEqual([
    ['儿童1', 'not_registered', null],
    ['儿童2', 'not_placed', 'r2'],
    ['儿童3', 'not_reported', 'r3'],
    ['儿童4', 'reported', 'r4b'],
    ['儿童5', 'not_registered', null],
  ]);
  expect(cmp.townships).toEqual([
    {
      township: '城关镇',
      children: 4,
      counts: { not_registered: 1, not_placed: 1, not_reported: 1, reported: 1 },
      enrolmentRate: 0.5,
    },
    {
      township: '石桥乡',
      children: 1,
      counts: { not_registered: 1, not_placed: 0, not_reported: 0, reported: 0 },
      enrolmentRate: 0,
    },
  ]);
});

test('property: buckets add up per township and the rate is (placed + reported) / roster', () => {
  const stages: (EnrolmentStage | null)[] = [null, 'registered', 'placed', 'reported'];
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 2 })), {
        minLength: 1,
        maxLength: 60,
      }),
      (spec) => {
        const towns = ['城关镇', '石桥乡', '柳河乡'];
        const r = censusTableParse(spec.map(([, t], i) => row(i + 1, towns[t])));
        if (r.status !== 'valid') throw new Error('roster');
        const regs = spec.flatMap(([st], i) => {
          const stage = stages[st];
          return stage ? [{ id: `r${i}`, idNumber: id(i + 1), stage }] : [];
        });
        const cmp = censusCompare(r.children, regs);
        expect(cmp.townships.reduce((a, t) => a + t.children, 0)).toBe(spec.length);
        for (const t of cmp.townships) {
          const c = t.counts;
          expect(c.not_registered + c.not_placed + c.not_reported + c.reported).toBe(t.children);
          expect(t.enrolmentRate).toBeCloseTo((c.not_reported + c.reported) / t.children, 12);
        }
      },
    ),
  );
});
