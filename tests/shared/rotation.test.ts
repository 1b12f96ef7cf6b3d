/**
 * Rotation: the 差异系数 against the official worked example and its invariances, eligibility
 * named cases (every exemption), and plans checked by the shared validators on many counties.
 */
import fc from 'fast-check';
import { defaultRotationSettings, rotationEligibility } from '../../shared/rotation/eligibility';
import {
  countsForCv,
  differenceCoefficient,
  indicatorTable,
  schoolResources,
  weightedCv,
} from '../../shared/rotation/indicators';
import type { School, Teacher } from '../../shared/county/types';
import type { RotationInput } from '../../shared/rotation/planner';
import { rotationAdjust } from '../../shared/rotation/adjust';
import { rotationPlan } from '../../shared/rotation/planner';
import { rotationIssues, rotationProblems } from '../../shared/rotation/problems';
import { indicatorTables, ruralMonthsServed } from '../../shared/rotation/service';
import { syntheticRotationCounty } from '../../shared/rotation/synthetic';
import { unavoidable } from './rotationUnavoidable';
import { demoCounty } from '../../server/host/seed';

const books = [
  { pupils: 45, resource: 279 },
  { pupils: 37, resource: 137 },
  { pupils: 89, resource: 935 },
  { pupils: 76, resource: 160 },
  { pupils: 55, resource: 402 },
];

describe('差异系数 (enrolment-weighted)', () => {
  test('the official worked example: enrolments 45/37/89/76/55, books 279/137/935/160/402 → 0.515', () => {
    expect(weightedCv(books)).toBeCloseTo(0.515, 3);
    // The unweighted formula gives 0.489 and is wrong; make sure we are not computing it.
    const x = books.map((b) => b.resource / b.pupils);
    const mean = x.reduce((a, b) => a + b, 0) / x.length;
    const unweighted = Math.sqrt(x.reduce((a, v) => a + (v - mean) ** 2, 0) / x.length) / mean;
    expect(unweighted).toBeCloseTo(0.489, 3);
    expect(weightedCv(books)).not.toBeCloseTo(unweighted, 2);
  });

  test('invariant to school order and to the unit of the resource; zero when every school is alike', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            pupils: fc.integer({ min: 1, max: 3000 }),
            resource: fc.integer({ min: 0, max: 5000 }),
          }),
          {
            minLength: 1,
            maxLength: 30,
          },
        ),
        fc.integer({ min: 1, max: 1000 }),
        (rows, scale) => {
          const a = weightedCv(rows);
          expect(weightedCv([...rows].reverse())).toBeCloseTo(a, 9);
          expect(weightedCv(rows.map((r) => ({ ...r, resource: r.resource * scale })))).toBeCloseTo(a, 9);
        },
      ),
    );
    expect(
      weightedCv([
        { pupils: 100, resource: 5 },
        { pupils: 200, resource: 10 },
      ]),
    ).toBe(0);
  });

  test('the demo county: seven indicators per school, the ≥ 6-of-7 rule, and each stage’s CVs', () => {
    const county = demoCounty();
    const rows = county.schools.map((school) => ({
      school,
      resources: schoolResources(
        school,
        county.teachers.filter((t) => t.schoolId === school.id),
      ),
    }));
    const primary = indicatorTable('primary', rows);
    expect(primary.schools.length).toBeGreaterThan(3);
    expect(primary.cvLimit).toBe(0.5);
    for (const s of primary.schools) {
      const met = Object.values(s.met).filter(Boolean).length;
      if (met === 7) expect(s.passes).toBe(true);
      if (met <= 5) expect(s.passes).toBe(false);
    }
    expect(indicatorTable('junior', rows).cvLimit).toBe(0.45);
  });
});

/** The county records behind a synthetic rotation input (facilities do not matter here). */
function countyOf(input: RotationInput): { schools: School[]; teachers: Teacher[] } {
  const schools = input.schools.map(
    (x) =>
      ({
        ...x,
        township: '',
        entryClasses: 1,
        facilities: { teachingAreaM2: 1, sportsAreaM2: 1, equipmentValueYuan: 1, multimediaRooms: 1 },
      }) as unknown as School,
  );
  const teachers = input.teachers.map((t) => ({ ...t, title: '一级教师' }) as unknown as Teacher);
  return { schools, teachers };
}

describe('one 差异系数 for the plan, the table, the dashboard and the exports', () => {
  test('教学点 under 50 pupils and special schools do not count; the rest is the weighted formula', () => {
    const rows = [
      { school: { name: '城关小学', enrolment: 900 }, resource: 40 },
      { school: { name: '乡村小学', enrolment: 300 }, resource: 6 },
      { school: { name: '某村教学点', enrolment: 30 }, resource: 3 },
      { school: { name: '县特殊教育学校', enrolment: 120 }, resource: 20 },
    ];
    expect(rows.map((r) => countsForCv(r.school))).toEqual([true, true, false, false]);
    expect(differenceCoefficient(rows)).toBeCloseTo(
      weightedCv(rows.slice(0, 2).map((r) => ({ pupils: r.school.enrolment, resource: r.resource }))),
      12,
    );
  });

  test('property: the plan’s CVs are the indicator table’s, on counties with small 教学点, a special school and 借调', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 6 }), fc.integer({ min: 1, max: 4 }), (seed, points) => {
        const input = syntheticRotationCounty(seed, 500, 24, 2027, {
          teachingPoints: points,
          specialSchool: true,
          lent: 0.03,
        });
        expect(input.schools.some((x) => x.enrolment < 50)).toBe(true);
        const r = rotationPlan(input);
        if (r.status !== 'ok') throw new Error(r.reason);
        const { schools, teachers } = countyOf(input);
        const before = indicatorTables(schools, teachers, 'teaching');
        const after = indicatorTables(schools, teachers, 'teaching', r.plan.moves);
        expect(r.plan.cv).toHaveLength(6);
        for (const row of r.plan.cv) {
          const at = (t: typeof before) => t.find((x) => x.stage === row.stage)!.cv[row.indicator];
          expect(row.before).toBeCloseTo(at(before), 12);
          expect(row.after).toBeCloseTo(at(after), 12);
        }
        // The hand-adjustment path reports the same figures.
        expect(rotationAdjust(input, r.plan, []).plan.cv).toEqual(r.plan.cv);
      }),
      { numRuns: 8 },
    );
  });
});

describe('eligibility (named cases)', () => {
  const s = defaultRotationSettings;
  const base = { gender: 'F' as 'M' | 'F', birthYear: 1990, yearsAtSchool: 8, isPrincipal: false };
  const cases: [string, Partial<typeof base> & { status?: object }, boolean, string][] = [
    ['due after 6 years', {}, true, '列入交流范围'],
    ['not yet due', { yearsAtSchool: 5 }, false, '未满6年'],
    ['woman of 45 exempt', { birthYear: 1982 }, false, '年满45周岁'],
    ['man of 50 exempt', { gender: 'M', birthYear: 1977 }, false, '年满50周岁'],
    ['man under 50 due', { gender: 'M', birthYear: 1980 }, true, '列入交流范围'],
    ['pregnant deferred', { status: { pregnant: true } }, false, '孕期'],
    ['breastfeeding deferred', { status: { breastfeeding: true } }, false, '哺乳期'],
    ['illness deferred', { status: { illness: true } }, false, '因病'],
    ['deferral still running', { status: { deferredUntil: 2027 } }, false, '暂缓至2027年'],
    ['deferral over', { status: { deferredUntil: 2026 } }, true, '列入交流范围'],
    ['principal before two terms', { isPrincipal: true, yearsAtSchool: 5 }, false, '担任校长5年'],
  ];
  test.each(cases)('%s', (_name, over, eligible, reason) => {
    const r = rotationEligibility({ ...base, ...over }, 2027, s);
    expect(r.eligible).toBe(eligible);
    expect(r.reasons.join('；')).toContain(reason);
  });
});

describe('plans', () => {
  test('a county with too little room says so instead of breaking a rule', () => {
    const r = rotationPlan(syntheticRotationCounty('', 436, 8));
    if (r.status !== 'ok') throw new Error(r.reason);
    expect(r.plan.issues.map((x) => x.code)).toContain('NO_ROOM');
    expect(r.plan.problems.join('\n')).toMatch(/接收学校名额不足/);
  });

  test('property: every plan meets quota, backbone share, direction, capacity and exemptions (shared validators)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 6 }),
        fc.integer({ min: 200, max: 600 }),
        fc.integer({ min: 15, max: 30 }),
        (seed, teachers, schools) => {
          const input = syntheticRotationCounty(seed, teachers, schools);
          const r = rotationPlan(input);
          if (r.status !== 'ok') throw new Error(r.reason);
          // Small counties can lack room at receiving schools, or 骨干; the plan then says so, and
          // only quota shortfalls may follow from it — never a broken per-move rule.
          const broken = rotationIssues(input, r.plan).filter((x) => !unavoidable(r.plan, x));
          expect(broken).toEqual([]);
          expect(r.plan.issues.filter((x) => x.code !== 'NO_ROOM' && !unavoidable(r.plan, x))).toEqual([]);
          for (const m of r.plan.moves) {
            expect(m.from).not.toBe(m.to);
            expect(m.reasons.length).toBeGreaterThan(2);
          }
          // Same input → same plan.
          const again = rotationPlan(input);
          expect(again.status === 'ok' && again.plan.moves).toEqual(r.plan.moves);
        },
      ),
      { numRuns: 12 },
    );
  });

  test('property: the bureau’s thresholds decide who is due, and the plan moves only those', () => {
    const input = syntheticRotationCounty('rules', 500, 20);
    fc.assert(
      fc.property(
        fc.record({
          tenureYears: fc.integer({ min: 3, max: 15 }),
          ageExemptMale: fc.integer({ min: 40, max: 60 }),
          ageExemptFemale: fc.integer({ min: 40, max: 60 }),
          yearsToRetirementExempt: fc.integer({ min: 0, max: 10 }),
          quota: fc.integer({ min: 5, max: 30 }).map((x) => x / 100),
          backboneShare: fc.integer({ min: 0, max: 40 }).map((x) => x / 100),
        }),
        (rules) => {
          const r = rotationPlan({ ...input, settings: rules });
          if (r.status !== 'ok') throw new Error(r.reason);
          const s = { ...defaultRotationSettings, ...rules };
          const due = new Set(
            input.teachers.filter((t) => rotationEligibility(t, input.year, s).eligible).map((t) => t.id),
          );
          expect(new Set(r.plan.eligibility.filter((e) => e.eligible).map((e) => e.teacherId))).toEqual(due);
          for (const m of r.plan.moves) expect(due.has(m.teacherId)).toBe(true);
          // Who is due follows the thresholds: a longer tenure with exemptions at least as wide
          // (younger exemption ages, more years before retirement) leaves fewer due than the
          // defaults; a shorter tenure with exemptions at most as wide leaves at least as many.
          // (Older exemption ages make more teachers due: CI's counterexample, tenure 7 with
          // women exempt from 48 instead of 45, is not "fewer".)
          const dueByDefault = input.teachers.filter(
            (t) => rotationEligibility(t, input.year, defaultRotationSettings).eligible,
          ).length;
          const d = defaultRotationSettings;
          const wider =
            rules.ageExemptFemale <= d.ageExemptFemale &&
            rules.ageExemptMale <= d.ageExemptMale &&
            rules.yearsToRetirementExempt >= d.yearsToRetirementExempt;
          const narrower =
            rules.ageExemptFemale >= d.ageExemptFemale &&
            rules.ageExemptMale >= d.ageExemptMale &&
            rules.yearsToRetirementExempt <= d.yearsToRetirementExempt;
          if (rules.tenureYears > d.tenureYears && wider) expect(due.size).toBeLessThan(dueByDefault);
          if (rules.tenureYears <= d.tenureYears && narrower)
            expect(due.size).toBeGreaterThanOrEqual(dueByDefault);
          const broken = rotationIssues({ ...input, settings: rules }, r.plan).filter(
            (x) => !unavoidable(r.plan, x),
          );
          expect(broken).toEqual([]);
        },
      ),
      { numRuns: 10 },
    );
  });

  test('the validators catch a bad plan: an exempt teacher, a wrong direction, a teacher moved twice', () => {
    const input = syntheticRotationCounty('bad', 300, 10);
    const r = rotationPlan(input);
    if (r.status !== 'ok') throw new Error(r.reason);
    const exempt = r.plan.eligibility.find((e) => !e.eligible)!;
    const t = input.teachers.find((x) => x.id === exempt.teacherId)!;
    const move = r.plan.moves[0]!;
    const problems = rotationProblems(input, {
      ...r.plan,
      moves: [
        ...r.plan.moves,
        { ...move },
        { ...move, teacherId: t.id, from: t.schoolId, to: t.schoolId },
        { ...move, from: move.to, to: move.from, teacherId: 'ghost' },
      ],
    });
    expect(problems.join('\n')).toMatch(/在方案中出现两次/);
    expect(problems.join('\n')).toMatch(/不在本年度交流范围/);
    expect(problems.join('\n')).toMatch(/交流前后是同一所学校/);
    expect(problems.join('\n')).toMatch(/不是本县在编教师/);
  });
});

describe('nominations and hand adjustments', () => {
  const input = syntheticRotationCounty('nominate', 400, 16);
  const computed = (() => {
    const r = rotationPlan(input);
    if (r.status !== 'ok') throw new Error(r.reason);
    return r.plan;
  })();
  const eligible = new Set(computed.eligibility.filter((e) => e.eligible).map((e) => e.teacherId));

  test('property: a school’s nominees go before its other teachers (unless the backbone share needs them)', () => {
    // Nominate one eligible, backbone teacher the plan left at a school that sends someone.
    const moved = new Set(computed.moves.map((m) => m.teacherId));
    const senders = new Set(computed.moves.map((m) => m.from));
    const left = input.teachers.filter(
      (t) => eligible.has(t.id) && !moved.has(t.id) && senders.has(t.schoolId) && t.backbone !== 'none',
    );
    expect(left.length).toBeGreaterThan(3);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (pickSeed) => {
        const nominee = left[pickSeed % left.length]!;
        const r = rotationPlan({
          ...input,
          teachers: input.teachers.map((t) => (t.id === nominee.id ? { ...t, nominated: 'self' } : t)),
        });
        if (r.status !== 'ok') throw new Error(r.reason);
        const move = r.plan.moves.find((m) => m.teacherId === nominee.id);
        expect(move?.reasons).toContain('本人申请交流');
        expect(rotationIssues(input, r.plan).filter((x) => x.code !== 'NO_ROOM')).toEqual(
          computed.issues.filter((x) => x.code !== 'NO_ROOM'),
        );
      }),
      { numRuns: 8 },
    );
  });

  test('taking a teacher off at a school with no one to spare breaks that school’s quota, and says so', () => {
    const bySchool = new Map<string, number>();
    for (const m of computed.moves) bySchool.set(m.from, (bySchool.get(m.from) ?? 0) + 1);
    const off = computed.moves.find((m) => bySchool.get(m.from) === 1)!;
    const a = rotationAdjust(input, computed, [{ teacherId: off.teacherId, to: null }]);
    expect(a.plan.moves.some((m) => m.teacherId === off.teacherId)).toBe(false);
    expect(a.added.map((x) => [x.code, x.subject])).toContainEqual(['SCHOOL_QUOTA', off.from]);
    expect(a.refused).toEqual([]);
  });

  test('sending a moved teacher to another allowed school keeps every rule; an exempt teacher or the wrong way is flagged', () => {
    const mv = computed.moves[0]!;
    const other = computed.moves.find((m) => m.to !== mv.to && m.from === mv.from)?.to;
    if (other) {
      const a = rotationAdjust(input, computed, [{ teacherId: mv.teacherId, to: other }]);
      expect(a.plan.moves.find((m) => m.teacherId === mv.teacherId)).toMatchObject({ to: other });
      expect(a.plan.moves.find((m) => m.teacherId === mv.teacherId)?.reasons).toContain('教育局人工调整');
      expect(a.added.filter((x) => x.code !== 'OVER_CAPACITY')).toEqual([]);
    }
    const exempt = computed.eligibility.find((e) => !e.eligible)!;
    const back = rotationAdjust(input, computed, [
      { teacherId: exempt.teacherId, to: mv.to },
      { teacherId: mv.teacherId, to: mv.from },
      { teacherId: 'ghost', to: mv.to },
    ]);
    const codes = back.added.map((x) => x.code);
    expect(codes).toContain('NOT_ELIGIBLE');
    expect(codes).toContain('SAME_SCHOOL');
    expect(back.refused).toEqual(['没有找到教师 ghost']);
    // No adjustment, no change.
    expect(rotationAdjust(input, computed, []).plan.moves).toEqual(computed.moves);
    expect(rotationAdjust(input, computed, []).added).toEqual([]);
  });
});

describe('rural/weak months and the two counts', () => {
  const move = { startMonth: '2027-09', endMonth: '2030-08' };
  test.each([
    ['not reported yet', 14, move, null, '2028-03-01', 14, 0],
    ['before the rotation starts', 0, move, '2027-08-30T00:00:00Z', '2027-09-15', 0, 0],
    ['six whole months in', 3, move, '2027-09-01T00:00:00Z', '2028-03-10', 9, 6],
    ['capped at the rotation’s 36 months', 0, move, '2027-09-01T00:00:00Z', '2031-01-01', 36, 36],
    ['no move', 5, null, null, '2028-03-10', 5, 0],
  ] as const)('%s', (_n, onRecord, mv, reported, today, total, now) => {
    expect(ruralMonthsServed(onRecord, mv, reported, today)).toEqual({ total, thisRotation: now });
  });

  test('official statistics stay with the 编制 school; actual teaching follows 借调 and the plan’s moves', () => {
    const county = demoCounty();
    const t = county.teachers.find((x) => x.backbone !== 'none' && x.schoolId === 'p01')!;
    const village = county.schools.find((s) => s.stage === 'primary' && s.locality === 'village')!;
    const backbone = (tables: ReturnType<typeof indicatorTables>, id: string) =>
      tables[0]!.schools.find((s) => s.schoolId === id)!.values.backboneTeachers;
    const official = indicatorTables(county.schools, county.teachers, 'official', [
      { teacherId: t.id, to: village.id },
    ]);
    const teaching = indicatorTables(county.schools, county.teachers, 'teaching', [
      { teacherId: t.id, to: village.id },
    ]);
    const none = indicatorTables(county.schools, county.teachers, 'teaching');
    expect(backbone(official, village.id)).toBe(backbone(none, village.id));
    expect(backbone(teaching, village.id)).toBeGreaterThan(backbone(none, village.id));
    expect(backbone(teaching, 'p01')).toBeLessThan(backbone(official, 'p01'));
    const lent = county.teachers.map((x) => (x.id === t.id ? { ...x, teachingAt: village.id } : x));
    expect(indicatorTables(county.schools, lent, 'teaching')).toEqual(teaching);
  });
});
