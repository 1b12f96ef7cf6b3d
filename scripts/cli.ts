/**
 * Command line for bureau staff and auditors.
 *   junheng place --input FILE [--mechanism da|boston|ttc] [--seed S]
 *   junheng verify-draw --run RUNFILE --input FILE
 *   junheng classes --input FILE [--seed S]
 *   junheng rotation --input FILE
 *   junheng cv --input FILE
 *   junheng audit-verify --data DIR [--expect-head HASH]
 *   junheng backup --data DIR --out BACKUP_DIR
 *   junheng restore --from BACKUP_DIR --data NEW_DIR
 * `place` prints the result as JSON; `verify-draw` re-runs a recorded draw and exits 1 if any part
 * of the run file differs (see shared/placement/verify.ts).
 */
import { readFileSync } from 'node:fs';
import type { AuditVerification } from '../server/security/auditChain';
import { classingConfigRefusal } from '../shared/classing/cohort';
import { classingRun } from '../shared/classing/run';
import type { ClassingInput } from '../shared/classing/types';
import type { School } from '../shared/county/types';
import {
  indicatorKeys,
  indicatorLabels,
  indicatorTable,
  schoolResources,
  weightedCv,
} from '../shared/rotation/indicators';
import { rotationAdjust, type RotationAdjustment } from '../shared/rotation/adjust';
import { rotationPlan, type RotationInput } from '../shared/rotation/planner';
import { highsSolver } from '../server/solver/highs';
import { placementRun } from '../shared/placement/run';
import { drawVerify } from '../shared/placement/verify';
import { mechanisms, type Mechanism, type PlacementInput } from '../shared/placement/types';

const USAGE = `usage:
  junheng place --input FILE [--mechanism da|boston|ttc] [--seed S]
  junheng verify-draw --run RUNFILE --input FILE [--seed PUBLIC_SEED]
  junheng classes --input FILE [--seed S]
  junheng rotation --input FILE
  junheng cv --input FILE
  junheng audit-verify --data DIR [--expect-head HASH]
  junheng backup --data DIR --out BACKUP_DIR
  junheng restore --from BACKUP_DIR --data NEW_DIR`;

function args(argv: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (!a.startsWith('--')) throw new Error(`unexpected argument: ${a}`);
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value`);
    out.set(a.slice(2), v);
    i++;
  }
  return out;
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function place(a: Map<string, string>): void {
  const input = a.get('input') ?? fail(`--input is required\n${USAGE}`);
  const mechanism = (a.get('mechanism') ?? 'da') as Mechanism;
  if (!mechanisms.includes(mechanism)) fail(`--mechanism must be one of ${mechanisms.join(', ')}`);
  if (!a.has('seed'))
    process.stderr.write('warning: no --seed given; using "0". A public draw must record its seed.\n');
  const run = placementRun(readJson<PlacementInput>(input), mechanism, a.get('seed') ?? '0');
  if (run.status === 'invalid') fail(`invalid input: ${run.reason}`);
  process.stdout.write(`${JSON.stringify(run.result, null, 2)}\n`);
}

function verify(a: Map<string, string>): void {
  const recorded = readJson<unknown>(a.get('run') ?? fail(`--run is required\n${USAGE}`));
  const input = readJson<PlacementInput>(a.get('input') ?? fail(`--input is required\n${USAGE}`));
  const v = drawVerify(recorded, input, a.get('seed'));
  if (!v.ok) fail(`复核不一致 / draw does NOT verify:\n  ${v.differences.join('\n  ')}`, 1);
  const rec = v.runRecord;
  process.stdout.write(
    `复核一致：${v.children} 名儿童、${v.schools} 所学校，种子 "${rec.seed}"\n` +
      `draw verified: ${v.children} children, ${v.schools} schools, seed "${rec.seed}", ${rec.algorithm}/${rec.mechanism}, input ${rec.inputHash}, output ${rec.outputHash}\n` +
      "checked: the list hash, every child's school and lottery number, every school's list and cut-off, the run record\n",
  );
}

const classingKeys = ['classes', 'cap', 'subjects', 'students', 'together', 'apart', 'fixed', 'weights'];

/** Balanced classes (均衡编班): prints { classes: [[ids…], …], report }. */
function classes(a: Map<string, string>): void {
  const raw = readJson<Record<string, unknown>>(a.get('input') ?? fail(`--input is required\n${USAGE}`));
  const refusal = classingConfigRefusal(raw);
  if (refusal) fail(refusal);
  const unknown = Object.keys(raw).filter((k) => !classingKeys.includes(k));
  if (unknown.length > 0) fail(`invalid input: unknown field(s) ${unknown.join(', ')}`);
  const input = { subjects: [], ...raw } as unknown as ClassingInput;
  if (!Array.isArray(input.students)) fail('invalid input: students must be a list');
  if (!a.has('seed'))
    process.stderr.write('warning: no --seed given; using "0". A published split must record its seed.\n');
  const run = classingRun(input, a.get('seed') ?? '0');
  if (run.status === 'invalid') fail(`invalid input: ${run.reason}`);
  process.stdout.write(`${JSON.stringify(run.result, null, 2)}\n`);
}

/**
 * The rotation plan: moves with reasons, eligibility, and the 差异系数 before/after; with
 * `adjustments` (hand changes, as the bureau makes them) the adjusted plan and the rules they break.
 */
async function rotation(a: Map<string, string>): Promise<void> {
  const input = readJson<RotationInput & { adjustments?: RotationAdjustment[] }>(
    a.get('input') ?? fail(`--input is required\n${USAGE}`),
  );
  if (!Array.isArray(input.schools) || !Array.isArray(input.teachers) || typeof input.year !== 'number')
    fail('invalid input: year, schools and teachers are required');
  if (input.adjustments !== undefined && !Array.isArray(input.adjustments))
    fail('invalid input: adjustments must be a list of { teacherId, to }');
  const run = rotationPlan(input, await highsSolver());
  if (run.status === 'invalid') fail(`invalid input: ${run.reason}`);
  if (!input.adjustments) {
    process.stdout.write(`${JSON.stringify(run.plan, null, 2)}\n`);
    if (run.plan.problems.length > 0) process.exitCode = 1;
    return;
  }
  const adjusted = rotationAdjust(input, run.plan, input.adjustments);
  const added = adjusted.added.map((x) => x.text);
  process.stdout.write(
    `${JSON.stringify({ ...adjusted.plan, added, refused: adjusted.refused }, null, 2)}\n`,
  );
  if (adjusted.plan.problems.length > 0 || adjusted.refused.length > 0) process.exitCode = 1;
}

/**
 * 差异系数: either { rows: [{ pupils, resource }] } for one indicator, or { schools, teachers }
 * (schools with enrolment and facilities; teachers with schoolId, education, backbone, subject)
 * for the seven-indicator table of each stage.
 */
function cv(a: Map<string, string>): void {
  const raw = readJson<{
    rows?: { pupils: number; resource: number }[];
    schools?: School[];
    teachers?: { schoolId: string; education: never; backbone: never; subject: string }[];
  }>(a.get('input') ?? fail(`--input is required\n${USAGE}`));
  if (raw.rows) {
    process.stdout.write(`${JSON.stringify({ cv: weightedCv(raw.rows) })}\n`);
    return;
  }
  if (!raw.schools || !raw.teachers) fail('invalid input: give rows, or schools and teachers');
  const tables = (['primary', 'junior'] as const).map((stage) =>
    indicatorTable(
      stage,
      (raw.schools ?? []).map((school) => ({
        school,
        resources: schoolResources(
          school,
          (raw.teachers ?? []).filter((t) => t.schoolId === school.id),
        ),
      })),
    ),
  );
  process.stdout.write(
    `${JSON.stringify({ indicators: Object.fromEntries(indicatorKeys.map((k) => [k, indicatorLabels[k]])), tables }, null, 2)}\n`,
  );
}

/** The data-directory commands (async: they open the embedded database). */
async function dataCommand(cmd: string, a: Map<string, string>): Promise<void> {
  const need = (k: string) => a.get(k) ?? fail(`--${k} is required\n${USAGE}`);
  const report = (v: AuditVerification) => {
    process.stdout.write(`${JSON.stringify(v, null, 2)}\n`);
    if (v.note) process.stderr.write(`注意：${v.note}\n`);
    if (!v.ok) process.exitCode = 1;
  };
  // Loaded only here: the embedded database is heavy and the other commands never need it.
  const { auditVerifyDir, backupDir, restoreDir } = await import('./cliData');
  if (cmd === 'audit-verify') report(await auditVerifyDir(need('data'), a.get('expect-head')));
  else if (cmd === 'backup') {
    const m = await backupDir(need('data'), need('out'), new Date());
    process.stdout.write(
      `${JSON.stringify({ files: Object.keys(m.files).length, audit: m.audit }, null, 2)}\n`,
    );
  } else report(await restoreDir(need('from'), need('data')));
}

try {
  const [cmd, ...rest] = process.argv.slice(2);
  if (cmd === '--help' || cmd === '-h' || cmd === 'help') process.stdout.write(`${USAGE}\n`);
  else if (cmd === 'audit-verify' || cmd === 'backup' || cmd === 'restore')
    dataCommand(cmd, args(rest)).catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
  else if (cmd === 'rotation')
    rotation(args(rest)).catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
  else if (cmd === 'cv') cv(args(rest));
  else if (cmd === 'place') place(args(rest));
  else if (cmd === 'classes') classes(args(rest));
  else if (cmd === 'verify-draw') verify(args(rest));
  else fail(USAGE);
} catch (e) {
  fail(e instanceof Error ? e.message : String(e));
}
