/** The command line as auditors use it: `npx junheng place` and `verify-draw`, with exit codes. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CLASSING_ALGORITHM } from '../../shared/classing/engine';
import { canonicalHash } from '../../shared/placement/canonical';

const root = resolve(__dirname, '..', '..');
const junheng = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, 'bin', 'junheng.js'), ...args], { encoding: 'utf8' });

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'junheng-cli-'));
  writeFileSync(
    join(dir, 'input.json'),
    JSON.stringify({
      schools: [
        { id: 's1', capacity: 2, priority: ['i1', 'i2', 'i3'] },
        { id: 's2', capacity: 1, tiers: { i1: 1, i2: 1, i3: 2, i4: 1 } },
      ],
      students: [
        { id: 'i1', preferences: ['s2', 's1'] },
        { id: 'i2', preferences: ['s2', 's1'] },
        { id: 'i3', preferences: ['s1'] },
        { id: 'i4', preferences: ['s2'] },
      ],
    }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('place prints the assignment, school lists and a run record with hashes', () => {
  const r = junheng('place', '--input', join(dir, 'input.json'), '--seed', '2027-0601-7731');
  expect(r.status).toBe(0);
  const out = JSON.parse(r.stdout) as {
    assignment: Record<string, string | null>;
    schools: Record<string, string[]>;
    runRecord: Record<string, string>;
  };
  expect(Object.keys(out.assignment).sort()).toEqual(['i1', 'i2', 'i3', 'i4']);
  expect(out.runRecord).toMatchObject({
    algorithm: 'junheng-placement-v1',
    mechanism: 'da',
    seed: '2027-0601-7731',
    rng: expect.any(String),
  });
  expect(out.runRecord['inputHash']).toBe(
    canonicalHash(JSON.parse(readFileSync(join(dir, 'input.json'), 'utf8'))),
  );
  writeFileSync(join(dir, 'run.json'), r.stdout);
});

test('verify-draw accepts the recorded draw and refuses a changed result or list', () => {
  expect(
    junheng('verify-draw', '--run', join(dir, 'run.json'), '--input', join(dir, 'input.json')).status,
  ).toBe(0);
  const run = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as {
    assignment: Record<string, string | null>;
  };
  const victim = Object.keys(run.assignment).find((k) => run.assignment[k] === null) ?? 'i4';
  run.assignment[victim] = 's2';
  writeFileSync(join(dir, 'tampered.json'), JSON.stringify(run));
  const t = junheng('verify-draw', '--run', join(dir, 'tampered.json'), '--input', join(dir, 'input.json'));
  expect(t.status).toBe(1);
  expect(t.stderr).toContain('does NOT verify');

  const input = JSON.parse(readFileSync(join(dir, 'input.json'), 'utf8')) as { students: unknown[] };
  input.students.push({ id: 'late', preferences: ['s1'] });
  writeFileSync(join(dir, 'changed-input.json'), JSON.stringify(input));
  const c = junheng(
    'verify-draw',
    '--run',
    join(dir, 'run.json'),
    '--input',
    join(dir, 'changed-input.json'),
  );
  expect(c.status).toBe(1);
  expect(c.stderr).toContain('input hash differs');
});

/** A copy of the recorded run with one part edited; verify-draw must refuse it, naming the part. */
function edited(name: string, edit: (run: Record<string, Record<string, unknown>>) => void) {
  const run = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as Record<
    string,
    Record<string, unknown>
  >;
  edit(run);
  writeFileSync(join(dir, name), JSON.stringify(run));
  return junheng('verify-draw', '--run', join(dir, name), '--input', join(dir, 'input.json'));
}

test.each([
  [
    'an edited schools list (a child added to a school’s admitted list)',
    (run: Record<string, Record<string, unknown>>) => {
      (run['schools']!['s1'] as string[]).push('i4');
    },
    'school list s1',
  ],
  [
    'a school taken out of the schools list',
    (run: Record<string, Record<string, unknown>>) => {
      delete run['schools']!['s2'];
    },
    'school list s2',
  ],
  [
    'an edited cut-off',
    (run: Record<string, Record<string, unknown>>) => {
      (run['cutoffs']!['s2'] as { admitted: number }).admitted += 1;
    },
    'cut-off s2',
  ],
  [
    'an edited lottery number (the number a parent is shown)',
    (run: Record<string, Record<string, unknown>>) => {
      run['lottery']!['i1'] = (run['lottery']!['i1'] as number) + 1;
    },
    'lottery number i1',
  ],
  [
    'an edited seed',
    (run: Record<string, Record<string, unknown>>) => {
      run['runRecord']!['seed'] = '2027-0601-7732';
    },
    'lottery number',
  ],
  [
    'an edited output hash',
    (run: Record<string, Record<string, unknown>>) => {
      run['runRecord']!['outputHash'] = '0'.repeat(64);
    },
    'runRecord.outputHash',
  ],
])('verify-draw refuses a run file with %s', (_what, edit, named) => {
  const r = edited('edited.json', edit);
  expect(r.status).toBe(1);
  expect(r.stdout).not.toContain('draw verified');
  expect(r.stderr).toContain('does NOT verify');
  expect(r.stderr).toContain(named);
});

test('verify-draw checks the public seed when given, and says what it checked', () => {
  const ok = junheng(
    'verify-draw',
    '--run',
    join(dir, 'run.json'),
    '--input',
    join(dir, 'input.json'),
    '--seed',
    '2027-0601-7731',
  );
  expect(ok.status).toBe(0);
  expect(ok.stdout).toContain('draw verified: 4 children, 2 schools');
  expect(ok.stdout).toContain('lottery number');
  const other = junheng(
    'verify-draw',
    '--run',
    join(dir, 'run.json'),
    '--input',
    join(dir, 'input.json'),
    '--seed',
    '9999',
  );
  expect(other.status).toBe(1);
  expect(other.stderr).toContain('the public seed is "9999"');
});

test('bad usage and bad input exit with 2 and say why', () => {
  expect(junheng('place').status).toBe(2);
  expect(junheng('place', '--input', join(dir, 'input.json'), '--mechanism', 'lottery').stderr).toContain(
    '--mechanism must be one of',
  );
  writeFileSync(join(dir, 'bad.json'), JSON.stringify({ schools: [{ id: 'a', capacity: 1 }], students: [] }));
  const b = junheng('place', '--input', join(dir, 'bad.json'), '--seed', '1');
  expect(b.status).toBe(2);
  expect(b.stderr).toContain('give either priority or tiers');
});

test('classes prints the classes and the report; a streaming configuration is refused', () => {
  const input = {
    classes: 2,
    cap: 50,
    subjects: ['chinese', 'math'],
    students: [
      { id: '1', gender: 'M', scores: { chinese: 88, math: 92 }, groups: ['留守'], school: 'A' },
      { id: '2', gender: 'F', scores: { chinese: 70, math: 60 } },
      { id: '3', gender: 'M', scores: { chinese: 90, math: 95 } },
      { id: '4', gender: 'F', scores: { chinese: 65, math: 66 } },
      { id: '5', gender: 'M', scores: { chinese: 80, math: 81 } },
    ],
    together: [['1', '2']],
    apart: [['3', '4']],
    fixed: { '5': 0 },
  };
  writeFileSync(join(dir, 'cohort.json'), JSON.stringify(input));
  const r = junheng('classes', '--input', join(dir, 'cohort.json'), '--seed', '7');
  expect(r.status).toBe(0);
  const out = JSON.parse(r.stdout) as {
    classes: string[][];
    report: { problems: string[]; algorithm: string };
  };
  expect(out.classes).toHaveLength(2);
  expect(out.classes.flat().sort()).toEqual(['1', '2', '3', '4', '5']);
  expect(out.classes[0]).toContain('5');
  expect(out.report).toMatchObject({ problems: [], algorithm: CLASSING_ALGORITHM });
  // Same input and seed → the same classes, byte for byte.
  expect(junheng('classes', '--input', join(dir, 'cohort.json'), '--seed', '7').stdout).toBe(r.stdout);

  writeFileSync(join(dir, 'streamed.json'), JSON.stringify({ ...input, method: 'sorted' }));
  const s = junheng('classes', '--input', join(dir, 'streamed.json'), '--seed', '7');
  expect(s.status).toBe(2);
  expect(s.stderr).toContain('scores are used only to balance classes');
  writeFileSync(join(dir, 'crowded.json'), JSON.stringify({ ...input, classes: 1, cap: 4 }));
  expect(junheng('classes', '--input', join(dir, 'crowded.json'), '--seed', '7').stderr).toContain(
    'need at least 2 classes',
  );
});

test('cv prints the weighted 差异系数 of the official example; rotation prints a plan with reasons', () => {
  writeFileSync(
    join(dir, 'books.json'),
    JSON.stringify({
      rows: [
        { pupils: 45, resource: 279 },
        { pupils: 37, resource: 137 },
        { pupils: 89, resource: 935 },
        { pupils: 76, resource: 160 },
        { pupils: 55, resource: 402 },
      ],
    }),
  );
  const c = junheng('cv', '--input', join(dir, 'books.json'));
  expect(c.status).toBe(0);
  expect((JSON.parse(c.stdout) as { cv: number }).cv).toBeCloseTo(0.515, 3);

  const school = (id: string, locality: string, enrolment: number) => ({
    id,
    name: id,
    stage: 'primary',
    locality,
    enrolment,
  });
  const teacher = (id: string, schoolId: string, backbone: string) => ({
    id,
    name: id,
    schoolId,
    gender: 'F',
    birthYear: 1990,
    yearsAtSchool: 8,
    isPrincipal: false,
    backbone,
    education: '本科',
    subject: '语文',
  });
  writeFileSync(
    join(dir, 'rotation.json'),
    JSON.stringify({
      year: 2027,
      schools: [school('town', 'town', 1200), school('v1', 'village', 200), school('v2', 'village', 150)],
      teachers: [
        ...Array.from({ length: 12 }, (_, i) => teacher(`t${i}`, 'town', i < 4 ? 'county' : 'none')),
        ...Array.from({ length: 6 }, (_, i) => teacher(`v${i}`, i < 3 ? 'v1' : 'v2', 'none')),
      ],
    }),
  );
  const r = junheng('rotation', '--input', join(dir, 'rotation.json'));
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const plan = JSON.parse(r.stdout) as {
    moves: { from: string; to: string; backbone: boolean; reasons: string[]; form: string }[];
    problems: string[];
  };
  expect(plan.problems).toEqual([]);
  expect(plan.moves.length).toBeGreaterThanOrEqual(2); // 10 % of 12 from town, and of the 18 county-wide
  expect(plan.moves.every((m) => m.from === 'town' && m.to !== 'town' && m.form === '交流轮岗')).toBe(true);
  expect(plan.moves.some((m) => m.backbone)).toBe(true);
  expect(plan.moves[0]!.reasons.join('')).toContain('由城镇学校');

  // Hand adjustments: taking every moved teacher off breaks the quota, and the CLI says which rule.
  const input = JSON.parse(readFileSync(join(dir, 'rotation.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(
    join(dir, 'adjusted.json'),
    JSON.stringify({
      ...input,
      adjustments: plan.moves.map((m) => ({
        teacherId: (m as unknown as { teacherId: string }).teacherId,
        to: null,
      })),
    }),
  );
  const adj = junheng('rotation', '--input', join(dir, 'adjusted.json'));
  expect(adj.status).toBe(1);
  const adjusted = JSON.parse(adj.stdout) as { moves: unknown[]; added: string[] };
  expect(adjusted.moves).toEqual([]);
  expect(adjusted.added.join('\n')).toMatch(/全县应交流.*少于10%/);
});

describe('the prebuilt bundle', () => {
  const cache = () => join(dir, 'cli-cache');
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [join(root, 'bin', 'junheng.js'), ...args], {
      encoding: 'utf8',
      env: { ...process.env, JUNHENG_CLI_CACHE: cache() },
    });

  test('--help prints the usage and exits 0; the bundle runs in plain node, without tsx', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('junheng place --input FILE');
    const bundle = join(cache(), 'cli.js');
    expect(readFileSync(bundle, 'utf8')).not.toMatch(/require\(["']tsx/);
    const direct = spawnSync(process.execPath, [bundle, '--help'], { encoding: 'utf8' });
    expect(direct.status).toBe(0);
  });

  test('rebuilt when a source’s content changed, not when only its time did', () => {
    run('--help');
    const bundle = join(cache(), 'cli.js');
    const manifestPath = join(cache(), 'manifest.json');
    const built = statSync(bundle).mtimeMs;
    type Manifest = { inputs: Record<string, { size: number; mtimeMs: number; sha256: string }> };
    const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    expect(Object.keys(m.inputs)).toEqual(
      expect.arrayContaining(['scripts/cli.ts', 'shared/placement/run.ts']),
    );
    // Same content, another time: looked at, not rebuilt.
    m.inputs['scripts/cli.ts']!.mtimeMs -= 1000;
    writeFileSync(manifestPath, JSON.stringify(m));
    expect(run('--help').status).toBe(0);
    expect(statSync(bundle).mtimeMs).toBe(built);
    // Content the bundle was not built from (as after an edit): rebuilt before it runs.
    m.inputs['shared/placement/run.ts']!.sha256 = '0'.repeat(64);
    m.inputs['shared/placement/run.ts']!.mtimeMs -= 1000;
    writeFileSync(manifestPath, JSON.stringify(m));
    expect(run('--help').status).toBe(0);
    const again = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    expect(again.inputs['shared/placement/run.ts']!.sha256).not.toBe('0'.repeat(64));
  });
});
