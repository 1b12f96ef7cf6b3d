/**
 * Plays a season plan (shared/season/plan.ts) through the real cloud functions, stage by stage —
 * 准备 (principals bound by invite), 报名 (drafts, uploads, submits, withdrawals, re-registrations,
 * duplicates, registrations by the wrong account), 审核 (returns, refusals, voidings, bulk
 * approval, resubmits and late documents), 派位 (freeze → dry run → formal run → publish) and
 * 录取后 (accepting, asking for a review, the bureau's answers) — and runs the invariant checks
 * (checks.ts) after each stage. Every answer that differs from the plan's story is reported.
 */
import type { Envelope } from '../../shared/errors';
import { sha256Hex } from '../../shared/sha256';
import { utf8Encode } from '../../shared/utf8';
import type { RegistrationView } from '../../shared/registration/view';
import type { RegistrationGuidance } from '../../shared/registration/guidance';
import type { RegistrationForm } from '../../shared/registration/form';
import { seasonDocuments, type SeasonFamily } from '../../shared/season/plan';
import type { Stage } from '../../shared/settings';
import { seasonChecks, type SeasonCheck } from './checks';
import { seasonDocumentImage } from './png';
import type { SeasonActor, SeasonCaller } from './transport';
import type { SeasonRegistration, SeasonRunOptions, SeasonState } from './state';

export type { SeasonClock, SeasonRegistration, SeasonRunOptions, SeasonState } from './state';
import { DEMO_PRINCIPAL_SCHOOL } from './transport';

export interface SeasonStageReport {
  readonly name: string;
  readonly ms: number;
  readonly checks: readonly SeasonCheck[];
}

export interface SeasonReport {
  readonly stages: readonly SeasonStageReport[];
  /** Answers that were not what the story expected (each a sentence). */
  readonly surprises: readonly string[];
  readonly registrations: number;
  readonly requests: number;
  readonly placement: Readonly<
    Partial<Record<Stage, { admitted: number; coordinating: number; outputHash: string }>>
  >;
  readonly ok: boolean;
}

/** Runs `fn` over `items`, `n` at a time, in order of start. */
async function pool<T>(items: readonly T[], n: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(n, items.length)) }, async () => {
      while (next < items.length) await fn(items[next++] as T);
    }),
  );
}

const cstDay = (d: Date, plusDays = 0) =>
  new Date(d.getTime() + 8 * 3_600_000 + plusDays * 86_400_000).toISOString().slice(0, 10);

/** The public seed of a stage's formal draw: digits, made from the season's seed. */
export function seasonDrawSeed(seed: string, stage: Stage): string {
  const hex = sha256Hex(utf8Encode(`junheng/season/draw|${seed}|${stage}`));
  return BigInt(`0x${hex.slice(0, 15)}`)
    .toString()
    .padStart(14, '0')
    .slice(0, 14);
}

export async function seasonRun(o: SeasonRunOptions): Promise<SeasonReport> {
  const log = o.log ?? (() => undefined);
  const schoolIds = [...new Set(o.plan.families.map((f) => f.form.schoolId))].sort();
  const st: SeasonState = {
    o,
    regs: new Map(),
    current: new Map(),
    surprises: [],
    published: new Map(),
    schoolIds,
    phase: 'none',
  };
  const stages: SeasonStageReport[] = [];
  const stage = async (name: string, body: () => Promise<void>) => {
    const t0 = performance.now();
    log(`— ${name}`);
    await body();
    const ms = performance.now() - t0;
    const checks = o.checks ? await seasonChecks(st, name) : [];
    for (const c of checks) log(`  ${c.ok ? '✓' : '✗'} ${c.name}：${c.detail}`);
    stages.push({ name, ms, checks });
  };

  await stage('准备：各校校长凭邀请码绑定', () => staffBind(st));
  await stage('报名', async () => {
    await registrationStage(st);
    st.phase = 'registered';
  });
  o.clock.advanceDays(3);
  await stage('审核', async () => {
    await reviewStage(st);
    st.phase = 'reviewed';
  });
  o.clock.advanceDays(2);
  if (Object.values(o.placement).includes('published')) {
    await stage('派位', () => placementStage(st));
    if (o.afterPlacement) {
      o.clock.advanceDays(1);
      await stage('录取后：确认学位、申请复核、答复', () => afterStage(st));
    }
  }
  const placement: Partial<Record<Stage, { admitted: number; coordinating: number; outputHash: string }>> =
    {};
  for (const [s, p] of st.published) {
    const run = await o.store.getPlacementRun(p.runId);
    if (!run) continue;
    const placed = Object.values(run.result.assignment).filter((x) => x !== null).length;
    placement[s] = {
      admitted: placed,
      coordinating: Object.keys(run.result.assignment).length - placed,
      outputHash: run.result.runRecord.outputHash,
    };
  }
  const failed = stages.some((s) => s.checks.some((c) => !c.ok)) || st.surprises.length > 0;
  return {
    stages,
    surprises: st.surprises,
    registrations: st.regs.size,
    requests: o.transport.requests(),
    placement,
    ok: !failed,
  };
}

/** Records an answer the story did not expect. */
function surprise(st: SeasonState, what: string, r: Envelope<unknown>): void {
  st.surprises.push(`${what}：${r.ok ? '意外成功' : `${r.code} ${r.message}`}`);
}

async function staffBind(st: SeasonState): Promise<void> {
  const bureau = st.o.transport.as({ kind: 'bureau' });
  for (const schoolId of st.schoolIds) {
    if (schoolId === DEMO_PRINCIPAL_SCHOOL) continue;
    const principal = st.o.transport.as({ kind: 'principal', schoolId });
    const me = await principal.call<{ role: string }>('auth', 'whoami');
    if (me.ok && me.data.role === 'principal') continue;
    const inv = await bureau.call<{ code: string }>('auth', 'createInvite', {
      role: 'principal',
      schoolId,
      displayName: `${schoolId}校长`,
      validDays: 7,
    });
    if (!inv.ok) {
      surprise(st, `为${schoolId}发放校长邀请码`, inv);
      continue;
    }
    const red = await principal.call('auth', 'redeemInvite', { code: inv.data.code });
    if (!red.ok) surprise(st, `${schoolId}校长绑定`, red);
  }
}

/** Saves a draft, uploads and attaches `slots`, submits. */
async function submitFresh(
  st: SeasonState,
  caller: SeasonCaller,
  form: RegistrationForm,
  slots: readonly string[],
  draftId: string,
): Promise<Envelope<RegistrationView>> {
  const saved = await caller.call('registration', 'saveDraft', { draftId, form });
  if (!saved.ok) return saved;
  for (const slot of slots) {
    const up = await caller.upload(seasonDocumentImage(slot));
    if (!up.ok) return up;
    const att = await caller.call('registration', 'attachDocument', {
      draftId,
      slot,
      fileId: up.data.fileId,
    });
    if (!att.ok) return att;
  }
  return caller.call<RegistrationView>('registration', 'submit', {
    draftId,
    form,
    schoolTypeConfirmed: true,
  });
}

function remember(
  st: SeasonState,
  f: SeasonFamily,
  owner: SeasonActor,
  v: RegistrationView,
  squatter = false,
) {
  st.regs.set(v.id, { id: v.id, owner, family: f, squatter });
  if (!squatter) st.current.set(f.n, { id: v.id, version: v.version });
}

async function registerFamily(st: SeasonState, f: SeasonFamily): Promise<void> {
  const me = st.o.transport.as(f.account);
  const draft = (k: string) => `season-${f.n}-${k}`;
  if (f.story === 'draftOnly') {
    const saved = await me.call('registration', 'saveDraft', { draftId: draft('d'), form: f.form });
    if (!saved.ok) surprise(st, `家庭${f.n}保存草稿`, saved);
    for (const slot of f.documents) {
      const up = await me.upload(seasonDocumentImage(slot));
      if (up.ok)
        await me.call('registration', 'attachDocument', {
          draftId: draft('d'),
          slot,
          fileId: up.data.fileId,
        });
    }
    return;
  }
  if (f.story === 'squatted' && f.squatter) {
    // Someone else, knowing the child's ID number, registers first (their own guardians).
    const other = st.o.transport.as(f.squatter);
    const g = f.form.guardians[0];
    const form: RegistrationForm = {
      ...f.form,
      guardians: g ? [{ ...g, name: `${g.name.slice(0, 1)}某某`, mobile: '13900000000' }] : f.form.guardians,
    };
    const r = await submitFresh(st, other, form, seasonDocuments(form), draft('sq'));
    if (!r.ok) return surprise(st, `家庭${f.n}的冒名报名`, r);
    remember(st, f, f.squatter, r.data, true);
    const refused = await submitFresh(st, me, f.form, f.documents, draft('a'));
    if (refused.ok || refused.code !== 'DUPLICATE_REGISTRATION' || !refused.message.includes('户口簿'))
      surprise(st, `家庭${f.n}被冒名后报名应被拒绝并告知怎么办`, refused);
    return;
  }
  const r = await submitFresh(st, me, f.form, f.documents, draft('a'));
  if (!r.ok) return surprise(st, `家庭${f.n}（${f.story}）提交报名`, r);
  remember(st, f, f.account, r.data);
  if (f.story === 'duplicate') {
    const again = await submitFresh(st, me, f.form, f.documents, draft('b'));
    if (again.ok || again.code !== 'DUPLICATE_REGISTRATION')
      surprise(st, `家庭${f.n}重复报名应被拒绝`, again);
  }
  if (f.story === 'withdraw' || f.story === 'withdrawAgain') {
    const w = await me.call<RegistrationView>('registration', 'withdraw', {
      id: r.data.id,
      version: r.data.version,
      reason: '搬家，改到别处入学',
    });
    if (!w.ok) return surprise(st, `家庭${f.n}撤回报名`, w);
    st.current.set(f.n, { id: w.data.id, version: w.data.version });
    if (f.story === 'withdrawAgain') {
      const again = await submitFresh(st, me, f.form, f.documents, draft('c'));
      if (!again.ok || again.data.previousId !== r.data.id)
        return surprise(st, `家庭${f.n}撤回后重新报名（应与原报名相连）`, again);
      remember(st, f, f.account, again.data);
    }
  }
}

async function registrationStage(st: SeasonState): Promise<void> {
  const { families } = st.o.plan;
  await pool(
    families.filter((f) => f.wave === 1),
    st.o.concurrency,
    (f) => registerFamily(st, f),
  );
  await pool(
    families.filter((f) => f.wave === 2),
    st.o.concurrency,
    (f) => registerFamily(st, f),
  );
}

/** Every registration in a school's queue with a status (read first, then acted on). */
async function queueAll(principal: SeasonCaller, status: string): Promise<RegistrationView[]> {
  const out: RegistrationView[] = [];
  for (let offset: number | null = 0; offset !== null;) {
    const page: Envelope<{ items: RegistrationView[]; next: number | null }> = await principal.call(
      'registration',
      'queue',
      { status, offset },
    );
    if (!page.ok) break;
    out.push(...page.data.items);
    offset = page.data.next;
  }
  return out;
}

/** What the school does with a registration in the first review, by the family's story. */
function firstDecision(reg: SeasonRegistration): 'approve' | 'return' | 'reject' | 'void' | 'later' {
  if (reg.squatter) return 'void';
  switch (reg.family.story) {
    case 'returned':
    case 'returnedLapsed':
      return 'return';
    case 'rejected':
      return 'reject';
    case 'lateDocuments':
    case 'unreviewed':
      return 'later';
    default:
      return 'approve';
  }
}

async function schoolReview(st: SeasonState, schoolId: string, pass: 1 | 2): Promise<void> {
  const principal = st.o.transport.as({ kind: 'principal', schoolId });
  const pending = await queueAll(principal, 'pending_review');
  const clean: { id: string; version: number }[] = [];
  const deadline = cstDay(st.o.clock.now(), 7);
  for (const v of pending) {
    const reg = st.regs.get(v.id);
    if (!reg) {
      st.surprises.push(`${schoolId}的审核队列中有不属于本次演练的报名 ${v.id}`);
      continue;
    }
    const decision =
      pass === 1 ? firstDecision(reg) : reg.family.story === 'unreviewed' ? 'later' : 'approve';
    if (decision === 'later') continue;
    if (decision === 'approve' && v.flags.length === 0) {
      clean.push({ id: v.id, version: v.version });
      continue;
    }
    const res =
      decision === 'void'
        ? await principal.call('registration', 'void', {
            id: v.id,
            version: v.version,
            reason: '儿童监护人持户口簿和出生医学证明来校核实，此报名非其所报',
          })
        : await principal.call('registration', 'review', {
            id: v.id,
            version: v.version,
            decision,
            reasonCode:
              decision === 'return'
                ? 'DOCS_ILLEGIBLE'
                : decision === 'reject'
                  ? (reg.family.rejectCode ?? 'DATA_MISMATCH')
                  : null,
            reason:
              decision === 'return'
                ? '户口簿首页照片看不清，请重新拍摄后上传。'
                : decision === 'reject'
                  ? reg.family.rejectCode === 'PROPERTY_REUSED'
                    ? '该房产已有其他家庭的儿童在本学段使用（一房一学位）'
                    : '填报的户籍信息与户口簿不一致'
                  : '',
            deadline: decision === 'return' ? deadline : null,
          });
    if (!res.ok) surprise(st, `${schoolId}${decision === 'void' ? '作废' : '审核'}${v.id}`, res);
  }
  for (let i = 0; i < clean.length; i += 50) {
    const res = await principal.call<{
      approved: number;
      results: { ok: boolean; message: string | null }[];
    }>('registration', 'bulkApprove', { items: clean.slice(i, i + 50) });
    if (!res.ok) surprise(st, `${schoolId}批量通过`, res);
    else if (res.data.approved !== Math.min(50, clean.length - i))
      st.surprises.push(`${schoolId}批量通过：只通过了 ${res.data.approved} 份`);
  }
}

async function familyFollowUp(st: SeasonState, f: SeasonFamily): Promise<void> {
  const me = st.o.transport.as(f.account);
  const cur = st.current.get(f.n);
  if (f.story === 'returned' && cur) {
    const v = await me.call<RegistrationView>('registration', 'get', { id: cur.id });
    if (!v.ok) return surprise(st, `家庭${f.n}查看退回的报名`, v);
    const draftId = `edit-season-${f.n}`;
    await me.call('registration', 'saveDraft', { draftId, form: f.form });
    const slot = f.documents[0];
    if (slot) {
      const up = await me.upload(seasonDocumentImage(`${slot}-again`));
      if (up.ok) await me.call('registration', 'attachDocument', { draftId, slot, fileId: up.data.fileId });
    }
    const r = await me.call<RegistrationView>('registration', 'resubmit', {
      id: cur.id,
      version: v.data.version,
      draftId,
      form: f.form,
    });
    if (!r.ok) return surprise(st, `家庭${f.n}修改后重新提交`, r);
    st.current.set(f.n, { id: r.data.id, version: r.data.version });
  }
  if (f.story === 'lateDocuments' && cur) {
    const g = await me.call<RegistrationGuidance>('registration', 'guidance', { id: cur.id });
    if (!g.ok || !g.data.uploadUntil) return surprise(st, `家庭${f.n}应能补传材料`, g);
    let version = cur.version;
    for (const m of g.data.missing) {
      const up = await me.upload(seasonDocumentImage(m.slot));
      if (!up.ok) return surprise(st, `家庭${f.n}上传补传材料`, up);
      const r = await me.call<RegistrationView>('registration', 'addDocument', {
        id: cur.id,
        version,
        slot: m.slot,
        fileId: up.data.fileId,
      });
      if (!r.ok) return surprise(st, `家庭${f.n}补传${m.label}`, r);
      version = r.data.version;
    }
    st.current.set(f.n, { id: cur.id, version });
  }
  if (f.story === 'squatted') {
    // After the school voided the other registration, the family registers its child.
    const r = await submitFresh(st, me, f.form, f.documents, `season-${f.n}-real`);
    if (!r.ok) return surprise(st, `家庭${f.n}在冒名报名作废后报名`, r);
    const before = [...st.regs.values()].find((x) => x.family === f && x.squatter);
    if (r.data.previousId !== before?.id) st.surprises.push(`家庭${f.n}的新报名没有与被作废的报名相连`);
    remember(st, f, f.account, r.data);
  }
}

async function reviewStage(st: SeasonState): Promise<void> {
  await pool(st.schoolIds, Math.min(4, st.o.concurrency), (s) => schoolReview(st, s, 1));
  await pool(
    st.o.plan.families.filter((f) => ['returned', 'lateDocuments', 'squatted'].includes(f.story)),
    st.o.concurrency,
    (f) => familyFollowUp(st, f),
  );
  await pool(st.schoolIds, Math.min(4, st.o.concurrency), (s) => schoolReview(st, s, 2));
}

async function placementStage(st: SeasonState): Promise<void> {
  const bureau = st.o.transport.as({ kind: 'bureau' });
  for (const s of ['primary', 'junior'] as const) {
    if (st.o.placement[s] !== 'published') continue;
    const frozen = await bureau.call('placement', 'freeze', { stage: s });
    if (!frozen.ok) {
      surprise(st, `冻结${s}名单`, frozen);
      continue;
    }
    const dry = await bureau.call('placement', 'run', { stage: s, seed: 'rehearsal', dryRun: true });
    if (!dry.ok) surprise(st, `${s}试运行`, dry);
    const seed = seasonDrawSeed(st.o.plan.seed, s);
    const run = await bureau.call<{ id: string }>('placement', 'run', { stage: s, seed, dryRun: false });
    if (!run.ok) {
      surprise(st, `${s}正式派位`, run);
      continue;
    }
    const pub = await bureau.call('placement', 'publish', { stage: s });
    if (!pub.ok) surprise(st, `公布${s}结果`, pub);
    st.published.set(s, { runId: run.data.id, seed });
  }
}

async function afterStage(st: SeasonState): Promise<void> {
  const placed = [...st.current].filter(([n]) => {
    const f = st.o.plan.families[n];
    return f !== undefined && st.o.placement[f.form.stage] === 'published';
  });
  const appealed: string[] = [];
  await pool(placed, st.o.concurrency, async ([n, cur]) => {
    const f = st.o.plan.families[n] as SeasonFamily;
    const me = st.o.transport.as(f.account);
    const v = await me.call<RegistrationView>('registration', 'get', { id: cur.id });
    if (!v.ok) return surprise(st, `家庭${n}查看录取结果`, v);
    if (v.data.status === 'admitted' && n % 4 !== 0) {
      const a = await me.call('registration', 'accept', { id: cur.id });
      if (!a.ok) surprise(st, `家庭${n}确认学位`, a);
    }
    if (v.data.status === 'coordinating' && n % 3 === 0) {
      const a = await me.call('registration', 'appeal', {
        id: cur.id,
        text: '我家住在学校旁边，孩子的兄姐也在这所学校，请复核派位结果。',
        fileId: null,
      });
      if (!a.ok) surprise(st, `家庭${n}申请复核`, a);
      else appealed.push(cur.id);
    }
  });
  const bureau = st.o.transport.as({ kind: 'bureau' });
  for (const id of appealed) {
    const a = await bureau.call('placement', 'appealAnswer', {
      id,
      outcome: 'dismissed',
      text: '经复核，派位按公布的规则和公开产生的种子进行，结果无误；已统筹安排到有空余学位的最近学校。',
    });
    if (!a.ok) surprise(st, `答复复核${id}`, a);
  }
}
