/**
 * What a county would audit after each stage of the season, each check printed with its figure:
 * every family whose registration is not going ahead reads why; no child is held by two
 * registrations; every count (per school, tier, status, and admitted) is the same on the
 * bureau's dashboard, the school's capacity page, the principal's 本校 view and the Excel
 * exports (表表相通); nobody is admitted beyond a school's seats; the draw replays to the same
 * result, is stable, and each family's result is the run record's; the audit chain verifies; the
 * host never answered HTTP 500; every family ended where its story says.
 */
import ExcelJS from 'exceljs';
import type { FileDownload } from '../../shared/download';
import type { Envelope } from '../../shared/errors';
import { placementRun } from '../../shared/placement/run';
import { placementProblems } from '../../shared/placement/validate';
import {
  registrationApplyingStatuses,
  registrationHoldsChild,
  registrationStatuses,
  registrationStatusLabels,
  type RegistrationStatus,
} from '../../shared/registration/status';
import type { RegistrationGuidance } from '../../shared/registration/guidance';
import type { Registration } from '../../shared/registration/types';
import type { RegistrationView } from '../../shared/registration/view';
import { seasonExpectedStatus } from '../../shared/season/plan';
import { auditVerifyStore } from '../security/auditRead';
import type { SeasonState } from './state';

export interface SeasonCheck {
  readonly name: string;
  readonly ok: boolean;
  /** The figure behind it, or what is wrong (the first few). */
  readonly detail: string;
}

const negative: readonly RegistrationStatus[] = [
  'needs_more',
  'rejected',
  'withdrawn',
  'voided',
  'coordinating',
];

const check = (name: string, problems: readonly string[], okDetail: string): SeasonCheck => ({
  name,
  ok: problems.length === 0,
  detail: problems.length === 0 ? okDetail : `${problems.length} 处不符：${problems.slice(0, 5).join('；')}`,
});

function data<T>(r: Envelope<T>, what: string): T {
  if (!r.ok) throw new Error(`season check: ${what}: ${r.code} ${r.message}`);
  return r.data;
}

/** Every registration of the year, read page by page. */
async function allRegistrations(st: SeasonState): Promise<Registration[]> {
  const out: Registration[] = [];
  for (const stage of ['primary', 'junior'] as const)
    for (const status of registrationStatuses)
      for (let offset: number | null = 0; offset !== null;) {
        const page = await st.o.store.listRegistrationsByStatus(st.o.plan.year, stage, status, {
          offset,
          limit: 100,
        });
        out.push(...page.items);
        offset = page.next;
      }
  return out;
}

/** An export's rows (after the title and header), as cells. */
async function exportRows(st: SeasonState, schoolId: string, list: 'all' | 'admitted'): Promise<string[][]> {
  const bureau = st.o.transport.as({ kind: 'bureau' });
  const x = data(
    await bureau.call<FileDownload & { rows: number }>('reports', 'exportList', { schoolId, list }),
    `export ${list} ${schoolId}`,
  );
  const book = new ExcelJS.Workbook();
  // The local host hands exports inline (in WeChat they would be a temporary link).
  if (x.base64 === undefined) throw new Error(`season check: export ${list} ${schoolId} is not inline`);
  await book.xlsx.load(Buffer.from(x.base64, 'base64') as never);
  const rows: string[][] = [];
  book.worksheets[0]?.eachRow((row, n) => {
    if (n > 2) rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')));
  });
  return rows;
}

interface DashboardRow {
  schoolId: string;
  applicants: number;
  seats: number;
  admitted: number;
  tiers: { tier: number; label: string; applicants: number }[];
}

export async function seasonChecks(st: SeasonState, stageName: string): Promise<SeasonCheck[]> {
  const out: SeasonCheck[] = [];
  const regs = await allRegistrations(st);
  const byId = new Map(regs.map((r) => [r.id as string, r]));

  // 1. Reasons: every registration not going ahead shows its family why, and what to do next.
  const reasonProblems: string[] = [];
  let reasons = 0;
  for (const r of regs.filter((x) => negative.includes(x.status))) {
    const mine = st.regs.get(r.id);
    if (!mine) continue;
    const owner = st.o.transport.as(mine.owner);
    const v = await owner.call<RegistrationView>('registration', 'get', { id: r.id });
    const g = await owner.call<RegistrationGuidance>('registration', 'guidance', { id: r.id });
    reasons++;
    if (!v.ok || !v.data.reason?.trim())
      reasonProblems.push(`${r.id}（${registrationStatusLabels[r.status]}）没有原因`);
    if (!g.ok || g.data.steps.length === 0) reasonProblems.push(`${r.id} 没有下一步说明`);
  }
  out.push(
    check(
      '每份未通过、退回、撤回、作废或统筹的报名，家长都看得到原因和下一步',
      reasonProblems,
      `${reasons} 份，均有原因`,
    ),
  );

  // 2. One registration holds a child.
  const holders = new Map<string, number>();
  for (const r of regs)
    if (registrationHoldsChild(r.status)) holders.set(r.childKey, (holders.get(r.childKey) ?? 0) + 1);
  const twice = [...holders].filter(([, n]) => n > 1).map(([k, n]) => `${k} 有 ${n} 份`);
  out.push(check('没有儿童同时有两份有效报名', twice, `${holders.size} 名儿童，各一份`));

  // 3. The story each family lived.
  const storyProblems: string[] = [];
  const published = (stage: string) => st.published.has(stage as never);
  const phase = st.phase;
  for (const f of st.o.plan.families) {
    if (phase === 'none') break;
    const want = seasonExpectedStatus(f.story, phase);
    const cur = st.current.get(f.n);
    const got = cur ? byId.get(cur.id)?.status : undefined;
    if (want === null) {
      if (cur) storyProblems.push(`家庭${f.n}（只存草稿）有了报名`);
      continue;
    }
    const ok =
      got === want ||
      (want === 'approved' && published(f.form.stage) && (got === 'admitted' || got === 'coordinating'));
    if (!ok) storyProblems.push(`家庭${f.n}（${f.story}）为${got ?? '无报名'}，应为${want}`);
  }
  out.push(check('每个家庭的报名都停在剧本所写的状态', storyProblems, `${st.o.plan.families.length} 个家庭`));

  // 4. 表表相通: dashboard, capacity page, 本校 view, exports.
  const bureau = st.o.transport.as({ kind: 'bureau' });
  const dash = data(await bureau.call<{ schools: DashboardRow[] }>('county', 'dashboard', {}), 'dashboard');
  const overview = data(
    await bureau.call<{ snapshot: { registrationsByStatus: Partial<Record<RegistrationStatus, number>> } }>(
      'county',
      'overview',
      {},
    ),
    'overview',
  );
  const applyingLabels = new Set(registrationApplyingStatuses.map((s) => registrationStatusLabels[s]));
  const tableProblems: string[] = [];
  const statusTotals = new Map<string, number>();
  const admittedProblems: string[] = [];
  const seatProblems: string[] = [];
  let admittedTotal = 0;
  for (const schoolId of st.schoolIds) {
    const row = dash.schools.find((x) => x.schoolId === schoolId);
    if (!row) {
      tableProblems.push(`看板上没有${schoolId}`);
      continue;
    }
    const cap = data(
      await bureau.call<{
        applicants: number;
        tiers: { tier: number; underReview: number; approved: number }[];
      }>('registration', 'capacity', { schoolId }),
      `capacity ${schoolId}`,
    );
    const view = data(
      await st.o.transport
        .as({ kind: 'principal', schoolId })
        .call<{ school: DashboardRow }>('county', 'schoolView', {}),
      `schoolView ${schoolId}`,
    );
    const all = await exportRows(st, schoolId, 'all');
    const applying = all.filter((c) => applyingLabels.has(c[6] ?? ''));
    const figures = [row.applicants, cap.applicants, view.school.applicants, applying.length];
    if (new Set(figures).size !== 1)
      tableProblems.push(
        `${schoolId}报名数：看板${figures[0]}、学位页${figures[1]}、本校督导${figures[2]}、导出${figures[3]}`,
      );
    for (const t of row.tiers) {
      const c = cap.tiers.find((x) => x.tier === t.tier);
      const exported = applying.filter((cells) => cells[5] === t.label).length;
      const capN = c ? c.underReview + c.approved : 0;
      if (t.applicants !== capN || t.applicants !== exported)
        tableProblems.push(`${schoolId}${t.label}：看板${t.applicants}、学位页${capN}、导出${exported}`);
    }
    for (const cells of all) statusTotals.set(cells[6] ?? '', (statusTotals.get(cells[6] ?? '') ?? 0) + 1);
    // Admitted: by the published result, the same everywhere.
    const admittedRows = await exportRows(st, schoolId, 'admitted');
    const plan = data(
      await bureau.call<{ cohortSize: number }>('classing', 'plan', { schoolId }),
      `classing plan ${schoolId}`,
    );
    let inRun = 0;
    for (const [, p] of st.published) {
      const run = await st.o.store.getPlacementRun(p.runId);
      inRun += Object.values(run?.result.assignment ?? {}).filter((x) => x === schoolId).length;
    }
    const adm = [row.admitted, view.school.admitted, admittedRows.length, plan.cohortSize, inRun];
    if (new Set(adm).size !== 1)
      admittedProblems.push(
        `${schoolId}录取：看板${adm[0]}、本校督导${adm[1]}、录取名单${adm[2]}、编班名单${adm[3]}、派位记录${adm[4]}`,
      );
    admittedTotal += row.admitted;
    if (row.admitted > row.seats) seatProblems.push(`${schoolId}录取${row.admitted}人，学位${row.seats}个`);
  }
  for (const status of registrationStatuses) {
    const label = registrationStatusLabels[status];
    const counted = overview.snapshot.registrationsByStatus[status] ?? 0;
    const exported = statusTotals.get(label) ?? 0;
    if (counted !== exported) tableProblems.push(`“${label}”：全县概况${counted}、各校导出合计${exported}`);
  }
  out.push(
    check(
      '表表相通：各校报名数、各类别、各状态在督导看板、学位页、本校督导和导出表中一致',
      tableProblems,
      `${st.schoolIds.length} 所学校，${regs.length} 份报名`,
    ),
  );
  out.push(
    check(
      '表表相通：各校录取人数在督导看板、本校督导、录取名单、编班名单和派位记录中一致',
      admittedProblems,
      `录取 ${admittedTotal} 人`,
    ),
  );
  out.push(check('录取人数不超过学位', seatProblems, `${st.schoolIds.length} 所学校`));

  // 5. The draw: replayed from the frozen list and the public seed; stable; each family's result.
  const drawProblems: string[] = [];
  let families = 0;
  for (const [stage, p] of st.published) {
    const run = await st.o.store.getPlacementRun(p.runId);
    const freeze = run ? await st.o.store.getFreeze(run.freezeId) : null;
    if (!run || !freeze) {
      drawProblems.push(`${stage}：找不到派位记录`);
      continue;
    }
    const replay = placementRun(freeze.input, 'da', p.seed, freeze.inputHash);
    if (replay.status !== 'ok' || replay.result.runRecord.outputHash !== run.result.runRecord.outputHash)
      drawProblems.push(`${stage}：按公布的名单和种子重新派位，结果不同`);
    drawProblems.push(
      ...placementProblems(freeze.input, run.result, p.seed, true).map((x) => `${stage}：${x}`),
    );
    for (const [id, schoolId] of Object.entries(run.result.assignment)) {
      const mine = st.regs.get(id);
      if (!mine) continue;
      const v = await st.o.transport.as(mine.owner).call<RegistrationView>('registration', 'get', { id });
      families++;
      const want = schoolId ?? run.coordination[id]?.schoolId ?? null;
      const status = schoolId ? 'admitted' : 'coordinating';
      if (!v.ok || v.data.placement?.runId !== run.id || (v.data.placement?.schoolId ?? null) !== want)
        drawProblems.push(`${id}：家长看到的结果与派位记录不同`);
      else if (v.data.status !== status && v.data.status !== 'reported')
        drawProblems.push(`${id}：状态为${v.data.statusLabel}`);
    }
  }
  out.push(
    check(
      '派位可复核：重算结果相同、稳定（无正当嫉妒）、每个家庭看到的结果与派位记录一致',
      drawProblems,
      st.published.size === 0 ? '尚未派位' : `${st.published.size} 个学段，${families} 个家庭`,
    ),
  );

  // 6. The audit chain.
  const audit = await auditVerifyStore(st.o.store);
  out.push(check('审计日志哈希链完整', [...audit.problems], `${audit.count} 条`));

  // 7. The host never answered 500; every answer was what the story expected.
  const failures = st.o.transport.failures();
  out.push(check('本地服务从未答复 HTTP 500', failures, `${st.o.transport.requests()} 次请求`));
  out.push(check(`每一步的答复都符合剧本（至“${stageName}”）`, st.surprises, '无意外'));
  return out;
}
