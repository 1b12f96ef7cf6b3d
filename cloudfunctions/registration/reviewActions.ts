/** What a school does: approve, reject with a reason, return for more material, bulk-approve. */
import { historyActorOf, historyEntry } from '../../shared/registration/history';
import { asRegistrationId, asCstDate } from '../../shared/brand';
import { fail, ok, type Envelope } from '../../shared/errors';
import {
  reviewReasons,
  VOID_REASON_CODE,
  voidReasonEnough,
  voidReasonLabel,
  voidReasonShort,
} from '../../shared/registration/review';
import { registrationStatusLabels, registrationTransitionAllowed } from '../../shared/registration/status';
import { documentsMissing } from '../../shared/registration/documents';
import type { Registration } from '../../shared/registration/types';
import type { PolicySettings } from '../../shared/settings';
import { registrationView, type RegistrationView } from '../../shared/registration/view';
import { idNumberParse } from '../../shared/idNumber';
import { sentence } from '../../shared/text';
import { cstDateLabel, cstDateOf, cstDateParse } from '../../shared/time';
import { registrationContract } from '../../shared/api/registration';
import { registrationPayloads } from '../../shared/api/registrationPayloads';
import type { FnContext } from '../../server/runtime/context';
import { defineAction } from '../../server/runtime/define';
import { inParallel } from '../../server/runtime/parallel';
import { registrationInReach } from '../../server/security/reach';
import { noticeSend } from '../../server/app/derive';
import { noSettings, schoolNameOf, settingsLoad } from '../../server/app/common';
import { childKey } from './key';
import { registrationsMadeBy } from '../../shared/registration/madeBy';
import { auditAppend } from '../../server/app/audit';

const MAX_RETURN_DAYS = 30;
const DAY = 86_400_000;

interface Decision {
  readonly id: string;
  readonly version: number;
  readonly decision: 'approve' | 'reject' | 'return';
  readonly reasonCode: string | null;
  readonly reason: string;
  readonly deadline: string | null;
}

/** What every decision of one call shares (read once for a bulk approval). */
interface Shared {
  readonly settings: PolicySettings | null;
  readonly schoolNames: Map<string, Promise<string>>;
}

async function decide(
  ctx: FnContext,
  d: Decision,
  shared: Shared = { settings: null, schoolNames: new Map() },
  current?: Registration | null,
): Promise<Envelope<RegistrationView>> {
  const r = current === undefined ? await ctx.store.getRegistration(asRegistrationId(d.id)) : current;
  if (!r || !registrationInReach(ctx.caller, r)) return fail('NOT_FOUND');
  const s = shared.settings ?? (await settingsLoad(ctx));
  // Two-level review: a first approval (初审) leads to 初审通过; the final one (复审) must come from
  // the principal and from someone other than the first reviewer.
  const firstLevel = s?.twoLevelReview === true && r.status === 'pending_review';
  const to =
    d.decision === 'approve'
      ? firstLevel
        ? 'first_approved'
        : 'approved'
      : d.decision === 'reject'
        ? 'rejected'
        : 'needs_more';
  if (to === 'approved' && s?.twoLevelReview && ctx.caller.role !== 'principal') {
    return fail('FORBIDDEN', '复审须由校长进行。');
  }
  if (to === 'approved' && r.status === 'first_approved') {
    const first = [...r.history].reverse().find((h) => h.to === 'first_approved');
    if (first?.by.kind === 'user' && first.by.openid === ctx.caller.openid) {
      return fail('FORBIDDEN', '初审和复审须由不同的人进行。');
    }
  }
  const reason = d.reason.trim();
  if (d.decision !== 'approve' && (!d.reasonCode || reason.length === 0)) {
    return fail('INVALID_INPUT', '不通过或退回补充材料时，须选择原因并填写说明，家长会看到这段文字。');
  }
  let deadline = null;
  if (d.decision === 'return') {
    const parsed = d.deadline ? cstDateParse(d.deadline) : null;
    const today = cstDateOf(ctx.now);
    const latest = cstDateOf(new Date(ctx.now.getTime() + MAX_RETURN_DAYS * DAY));
    if (!parsed || parsed < today || parsed > latest) {
      return fail('INVALID_INPUT', `请设置补充材料的截止日期（今天至${cstDateLabel(latest)}之间）。`);
    }
    deadline = asCstDate(parsed);
  }
  if (!registrationTransitionAllowed(r.status, to)) return fail('INVALID_TRANSITION');
  const change = historyEntry(
    r.status,
    to,
    ctx.now.toISOString(),
    historyActorOf(ctx.caller),
    reason.length > 0
      ? reason
      : to === 'approved'
        ? approvedReason(r)
        : to === 'first_approved'
          ? '初审通过，等待复审'
          : null,
    { reasonCode: d.reasonCode, deadline },
  );
  const res = await ctx.store.transitionRegistration(r.id, d.version, change);
  if (res.status === 'not_found') return fail('NOT_FOUND');
  if (res.status === 'stale') return fail('STALE_VERSION');
  const label = d.reasonCode ? (reviewReasons[d.reasonCode as keyof typeof reviewReasons] ?? '') : '';
  const body =
    to === 'first_approved'
      ? `${r.childName}的报名已通过初审，正在复审。`
      : to === 'approved'
        ? `${r.childName}的报名已审核通过，请等待学位分配结果。`
        : to === 'rejected'
          ? `${r.childName}的报名未通过审核。原因：${label}。${sentence(reason)}`
          : `${r.childName}的报名需要补充材料：${label}。${sentence(reason)}请在${cstDateLabel(deadline ?? cstDateOf(ctx.now))}前修改并重新提交。`;
  await noticeSend(ctx, res.registration, `报名${registrationStatusLabels[to]}`, body);
  await auditAppend(
    ctx,
    `registration.${d.decision}`,
    `registration:${r.id}`,
    {
      from: r.status,
      to,
      reasonCode: d.reasonCode,
      reason: change.reason,
      deadline,
      version: res.registration.version,
    },
    change.at,
  );
  let name = shared.schoolNames.get(r.schoolId);
  if (!name) shared.schoolNames.set(r.schoolId, (name = schoolNameOf(ctx, r.schoolId)));
  return ok(registrationView(res.registration, await name, false));
}

/**
 * 作废: a registration made by someone other than the child's guardians (冒名/误报) is voided by
 * the school it was made at or by the bureau, after they checked the real family's 户口簿 and
 * 出生医学证明 in person. The voided registration keeps its history; its account is told why;
 * the child is free, and the real family can register.
 */
async function voidRegistration(
  ctx: FnContext,
  input: { readonly id: string; readonly version: number; readonly reason: string },
): Promise<Envelope<RegistrationView>> {
  const r = await ctx.store.getRegistration(asRegistrationId(input.id));
  if (!r || !registrationInReach(ctx.caller, r)) return fail('NOT_FOUND');
  const reason = input.reason.trim();
  if (!voidReasonEnough(reason)) return fail('INVALID_INPUT', voidReasonShort);
  if (!registrationTransitionAllowed(r.status, 'voided')) {
    return fail(
      'INVALID_TRANSITION',
      r.status === 'withdrawn' || r.status === 'voided'
        ? '这份报名已经撤回或作废。'
        : '报名名单冻结派位后，学校不能再作废报名，请联系教育局处理。',
    );
  }
  const change = historyEntry(r.status, 'voided', ctx.now.toISOString(), historyActorOf(ctx.caller), reason, {
    reasonCode: VOID_REASON_CODE,
  });
  const res = await ctx.store.transitionRegistration(r.id, input.version, change);
  if (res.status === 'not_found') return fail('NOT_FOUND');
  if (res.status === 'stale') return fail('STALE_VERSION');
  const schoolName = await schoolNameOf(ctx, r.schoolId);
  await noticeSend(
    ctx,
    res.registration,
    '报名已作废',
    `${r.childName}的报名已被${ctx.caller.role === 'bureau' ? '县教育局' : schoolName}作废：${voidReasonLabel}。说明：${sentence(reason)}如有异议，请携带户口簿和出生医学证明原件到${schoolName}或县教育局说明。`,
  );
  await auditAppend(
    ctx,
    'registration.void',
    `registration:${r.id}`,
    { from: r.status, reason, owner: r.ownerOpenid, version: res.registration.version },
    change.at,
  );
  return ok(registrationView(res.registration, schoolName, false));
}

export const reviewActions = {
  /**
   * The bureau looks a child up by the ID number on the 户口簿 the family brings (a registration
   * made by the wrong account may be at any school): every registration of the child this year,
   * ID numbers masked. The look-up is audited.
   */
  byChild: defineAction(registrationContract.byChild, registrationPayloads.byChild, {
    roles: ['bureau'],
    async run(ctx, input) {
      const parsed = idNumberParse(input.idNumber);
      if (parsed.status === 'invalid') return fail('INVALID_ID_NUMBER', parsed.reason);
      const s = await settingsLoad(ctx);
      if (!s) return noSettings();
      const regs = await ctx.store.listRegistrationsByChild(childKey(parsed.idNumber, s.enrollmentYear));
      await auditAppend(
        ctx,
        'registration.lookupByChild',
        `child:${childKey(parsed.idNumber, s.enrollmentYear)}`,
        { found: regs.length },
      );
      // Which account, and which guardian, made each one (walk leftover: the look-up did not say).
      const madeBy = registrationsMadeBy(regs);
      const items = [];
      for (const [i, r] of regs.entries())
        items.push({
          ...registrationView(r, await schoolNameOf(ctx, r.schoolId), false),
          madeBy: madeBy[i] ?? '',
        });
      return ok({ items });
    },
  }),

  void: defineAction(registrationContract.void, registrationPayloads.void, {
    roles: ['principal', 'bureau'],
    run: (ctx, input) => voidRegistration(ctx, input),
  }),

  review: defineAction(registrationContract.review, registrationPayloads.review, {
    roles: ['principal', 'reviewer'],
    run: (ctx, input) => decide(ctx, input),
  }),

  bulkApprove: defineAction(registrationContract.bulkApprove, registrationPayloads.bulkApprove, {
    roles: ['principal', 'reviewer'],
    async run(ctx, input) {
      // The registrations read together, the decisions made side by side (each its own change,
      // notice and audit entry): a few round trips for fifty, not ten per registration in a row.
      const [regs, settings] = await Promise.all([
        ctx.store.getRegistrations(input.items.map((x) => asRegistrationId(x.id))),
        settingsLoad(ctx),
      ]);
      const byId = new Map(regs.map((r) => [r.id as string, r]));
      const shared: Shared = { settings, schoolNames: new Map() };
      // All fifty side by side (each decision's calls are one after another, so at most fifty in
      // flight): one decision's round trips deep, well under a second.
      const results = await inParallel(input.items, input.items.length, async (item) => {
        const r = byId.get(item.id) ?? null;
        // Only clean registrations are approved in bulk; anything flagged needs a person's look.
        if (r && registrationInReach(ctx.caller, r) && r.flags.length > 0)
          return { id: item.id, ok: false, code: 'INVALID_TRANSITION', message: '有异常标记，须逐份审核。' };
        const res = await decide(
          ctx,
          { ...item, decision: 'approve', reasonCode: null, reason: '', deadline: null },
          shared,
          r,
        );
        return res.ok
          ? { id: item.id, ok: true, code: null, message: null }
          : { id: item.id, ok: false, code: res.code as string, message: res.message };
      });
      return ok({ approved: results.filter((x) => x.ok).length, results });
    },
  }),
};

/**
 * The reason recorded with an approval given without one: 材料齐全 only when nothing required is
 * missing (缺件先报 lets a school approve before every document is in).
 */
function approvedReason(r: Registration): string {
  const missing = documentsMissing(r.form, new Set(Object.keys(r.documents))).length;
  return missing === 0 ? '材料齐全，审核通过' : `审核通过，还缺少${missing}份材料，请按时补交`;
}
