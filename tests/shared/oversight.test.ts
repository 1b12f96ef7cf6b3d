/**
 * The rule catalogue: every rule has a Chinese text, a severity and a source, and some check
 * produces it; named cases at each threshold, each finding naming its records.
 */
import { demoCounty } from '../../server/host/seed';
import {
  classSizeFindings,
  enrolmentRateFinding,
  indicatorFindings,
  registrationFindings,
  rotationFindings,
  seatFindings,
} from '../../shared/oversight/checks';
import { rules, type Finding } from '../../shared/oversight/rules';
import { rotationPlan } from '../../shared/rotation/planner';
import { syntheticRotationCounty } from '../../shared/rotation/synthetic';
import { indicatorTables } from '../../shared/rotation/service';
import { policyDefaults } from '../../shared/settings';

const s = policyDefaults(2027);
const cls = (id: string, size: number, stage: 'primary' | 'junior' = 'primary') => ({
  id,
  schoolId: 'p01',
  label: `一(${id})班`,
  stage,
  size,
});

describe('class sizes', () => {
  test.each([
    [45, 'primary', null],
    [46, 'primary', 'CLASS_LARGE'],
    [50, 'junior', null],
    [51, 'junior', 'CLASS_LARGE'],
    [55, 'primary', 'CLASS_LARGE'],
    [56, 'primary', 'CLASS_SUPER_LARGE'],
    [56, 'junior', 'CLASS_SUPER_LARGE'],
  ] as const)('%i pupils (%s) → %s', (size, stage, rule) => {
    const f = classSizeFindings([cls('1', size, stage)], s);
    expect(f.map((x) => x.rule)).toEqual(rule ? [rule] : []);
    if (rule) expect(f[0]?.records).toEqual([{ kind: 'class', id: '1', label: '一(1)班' }]);
  });
});

test('seats: admitted above classes × cap', () => {
  const base = { schoolId: 'p01', name: '城关第一小学', stage: 'primary' as const, entryClasses: 4 };
  expect(seatFindings([{ ...base, admitted: 180 }], s)).toEqual([]);
  expect(seatFindings([{ ...base, admitted: 181 }], s)).toEqual([
    {
      rule: 'SEATS_SHORT',
      text: '城关第一小学：录取181人，学位180个',
      records: [{ kind: 'school', id: 'p01', label: '城关第一小学' }],
    },
  ]);
});

test('registrations: over-age, property reused or shared, children left without a place', () => {
  const reg = (
    id: string,
    flags: string[],
    propertyKey: string | null,
    placement: 'placed' | 'none' | null = null,
  ) => ({
    id,
    label: `儿童${id}`,
    flags,
    propertyKey,
    placement,
  });
  const f = registrationFindings([
    reg('a', ['over_age'], 'K1'),
    reg('b', ['property_reused'], 'K1'),
    reg('c', [], 'K2', 'none'),
    reg('d', [], null, 'placed'),
  ]);
  expect(f.map((x) => [x.rule, x.records.map((r) => r.id)])).toEqual([
    ['REG_OVER_AGE', ['a']],
    ['REG_PROPERTY_REUSED', ['b']],
    ['REG_PROPERTY_SHARED', ['a', 'b']],
    ['PLACEMENT_LEFTOVER', ['c']],
  ]);
});

test('indicators on the demo county: failing schools and CVs over the limit are named', () => {
  const c = demoCounty();
  const f = indicatorFindings(indicatorTables(c.schools, c.teachers, 'official'));
  for (const x of f) expect(x.records.length).toBeGreaterThan(0);
  const tables = indicatorTables(c.schools, c.teachers, 'official');
  const over = tables.flatMap((t) => Object.values(t.cv).filter((v) => v > t.cvLimit));
  expect(f.filter((x) => x.rule === 'INDICATOR_CV')).toHaveLength(over.length);
  const failing = tables.flatMap((t) => t.schools.filter((x) => !x.passes));
  expect(f.filter((x) => x.rule === 'SCHOOL_INDICATORS').flatMap((x) => x.records)).toHaveLength(
    failing.length,
  );
});

test('入学率: 95 % passes, 94 % is a finding listing the children not enrolled', () => {
  const roster = (enrolled: number) =>
    Array.from({ length: 100 }, (_, i) => ({ id: `c${i}`, label: `儿童${i}`, enrolled: i < enrolled }));
  expect(enrolmentRateFinding('城关镇', roster(95))).toBeNull();
  const f = enrolmentRateFinding('城关镇', roster(94));
  expect(f?.text).toBe('城关镇：入学率94.0%（94/100），低于95%');
  expect(f?.records.map((r) => r.id)).toEqual(['c94', 'c95', 'c96', 'c97', 'c98', 'c99']);
  expect(enrolmentRateFinding('空乡', [])).toBeNull();
});

test('rotation: a plan short of the quota or of 骨干 is a finding', () => {
  const input = syntheticRotationCounty('', 436, 8);
  const r = rotationPlan(input);
  if (r.status !== 'ok') throw new Error(r.reason);
  const f = rotationFindings(r.plan.issues);
  expect(f.map((x) => x.rule)).toContain('ROTATION_QUOTA');
  expect(rotationFindings([{ code: 'BACKBONE_SHARE', subject: 'county', text: '骨干不足' }])).toEqual([
    { rule: 'ROTATION_BACKBONE', text: '骨干不足', records: [] },
  ]);
});

test('the catalogue: every rule has a Chinese text, a severity and a source, and a check produces it', () => {
  const produced = new Set<string>();
  const add = (f: readonly Finding[]) => f.forEach((x) => produced.add(x.rule));
  add(classSizeFindings([cls('1', 46), cls('2', 56)], s));
  add(seatFindings([{ schoolId: 'p', name: 'p', stage: 'primary', entryClasses: 1, admitted: 99 }], s));
  add(
    registrationFindings([
      { id: 'a', label: 'a', flags: ['over_age', 'property_reused'], propertyKey: 'K', placement: 'none' },
      { id: 'b', label: 'b', flags: [], propertyKey: 'K', placement: null },
    ]),
  );
  add(
    indicatorFindings([
      {
        stage: 'primary',
        schools: [
          { schoolId: 'x', name: 'x', pupils: 1, values: {} as never, met: {} as never, passes: false },
        ],
        cv: { a: 0.9 } as never,
        cvLimit: 0.5,
        cvPasses: {} as never,
      },
    ]),
  );
  add([enrolmentRateFinding('乡', [{ id: 'c', label: 'c', enrolled: false }])!]);
  add(
    rotationFindings([
      { code: 'COUNTY_QUOTA', subject: 'county', text: 'q' },
      { code: 'BACKBONE_SHARE', subject: 'county', text: 'b' },
    ]),
  );
  for (const r of Object.values(rules)) {
    expect(r.text).toMatch(/[\u4e00-\u9fff]/);
    expect(['error', 'warning']).toContain(r.severity);
    // Cites the official document by name, never the project's own notes.
    expect(r.source).toMatch(/《[^》]+》|本县招生工作方案/);
    expect(r.source).not.toMatch(/POLICY|§/);
    expect(produced).toContain(r.code);
  }
});
