/** What a family does: submit, fix a returned registration, withdraw. */
import { historyActorOf, historyEntry, historyOfSubmit } from '../../shared/registration/history';
import { asRegistrationId, asSchoolId, type CstDate } from '../../shared/brand';
import { fail, ok, type Fail } from '../../shared/errors';
import type { RegistrationForm } from '../../shared/registration/form';
import { documentsMissing } from '../../shared/registration/documents';
import { documentsLateAllowed } from '../../shared/registration/guidance';
import { registrationHoldsChild } from '../../shared/registration/status';
import type { School } from '../../shared/county/types';
import type { Registration } from '../../shared/registration/types';
import { registrationFormCheck } from '../../shared/registration/validate';
import { registrationView } from '../../shared/registration/view';
import type { PolicySettings } from '../../shared/settings';
import { cstDateLabel, cstDateOf } from '../../shared/time';
import { registrationContract } from '../../shared/api/registration';
import { registrationPayloads } from '../../shared/api/registrationPayloads';
import type { FnContext } from '../../server/runtime/context';
import { defineAction } from '../../server/runtime/define';
import { zoneSchoolIds } from '../../shared/county/zones';
import { noticeSend, noticeWithChange, propertyUsesRead, registrationDerive } from '../../server/app/derive';
import { noSettings, schoolNameOf, settingsLoad } from '../../server/app/common';
import { childKey, registrationIdOf } from './key';
import { auditAppend } from '../../server/app/audit';

/** Checks a form against the window and the rules (no reads); null when all is well. */
function formRuleRefusal(form: RegistrationForm, s: PolicySettings, today: CstDate): Fail | null {
  if (today < s.registrationOpens || today > s.registrationCloses) {
    return fail(
      'OUT_OF_WINDOW',
      `报名时间为${cstDateLabel(s.registrationOpens)}至${cstDateLabel(s.registrationCloses)}，当前不在报名时间内。`,
    );
  }
  const check = registrationFormCheck(form, s, today);
  if (check.status === 'invalid') {
    const first = check.problems[0];
    return first ? fail(first.code, first.message) : fail('INVALID_INPUT');
  }
  if (form.schoolType === 'private') {
    return fail(
      'INVALID_INPUT',
      '本县民办学校报名尚未在本系统开通，请直接联系民办学校；如选择公办学校，请改选“公办”。',
    );
  }
  return null;
}

/**
 * The school chosen and the zone table, read at once: a refusal when the school is not the
 * stage's or not the community's zone school, else the school.
 */
async function schoolRead(
  ctx: FnContext,
  form: RegistrationForm,
): Promise<{ fail: Fail } | { school: School }> {
  const [school, zones] = await Promise.all([
    ctx.store.getSchool(asSchoolId(form.schoolId)),
    ctx.store.listZones(),
  ]);
  if (!school || school.stage !== form.stage)
    return { fail: fail('INVALID_INPUT', '所选学校不是该学段的学校，请重新选择。') };
  const zoneSchools = zoneSchoolIds(zones, form.community, form.stage);
  if (zoneSchools.length === 0)
    return { fail: fail('INVALID_INPUT', '所选社区不在教育局的学区表中，请重新选择居住社区。') };
  if (!zoneSchools.includes(form.schoolId))
    return { fail: fail('INVALID_INPUT', '所选学校不是您居住社区的学区学校，请重新选择。') };
  return { school };
}

/** Checks a form against the rules, the window and the zone table; null when all is well. */
async function formRefusal(ctx: FnContext, form: RegistrationForm, s: PolicySettings): Promise<Fail | null> {
  const rules = formRuleRefusal(form, s, cstDateOf(ctx.now));
  if (rules) return rules;
  const place = await schoolRead(ctx, form);
  return 'fail' in place ? place.fail : null;
}

/**
 * Required documents missing at the submit: refused with the list (DOCUMENTS_MISSING), unless the
 * bureau's 缺件先报 setting lets the family upload them afterwards from the registration's page.
 */
function documentsRefusal(
  form: RegistrationForm,
  documents: Readonly<Record<string, unknown>>,
  s: PolicySettings,
  today: CstDate,
): Fail | null {
  const missing = documentsMissing(form, new Set(Object.keys(documents)));
  if (missing.length === 0 || documentsLateAllowed(s, today)) return null;
  return fail(
    'DOCUMENTS_MISSING',
    `还缺少${missing.length}份必须上传的材料：${missing.map((m) => m.label).join('、')}。请在“上传材料”中上传后再提交。`,
  );
}

/**
 * DUPLICATE_REGISTRATION, saying what to do: the family's own registration is in 我的报名; one made
 * by another account (冒名 or a mistake) is settled by the school or the bureau checking the
 * family's documents in person and voiding it, after which the family registers. The family's own
 * registration is named by its school; of another account's nothing (school, account) is told:
 * anyone who knows a child's ID number would otherwise learn where the child is registered.
 */
async function duplicateRefusal(ctx: FnContext, holding: Registration | null): Promise<Fail> {
  if (holding?.ownerOpenid === ctx.caller.openid) {
    return fail(
      'DUPLICATE_REGISTRATION',
      `您已经为该儿童报名了${await schoolNameOf(ctx, holding.schoolId)}，本年度不能重复报名。请在“我的报名”中查看；如需更改，可先撤回原报名再重新报名。`,
    );
  }
  return fail(
    'DUPLICATE_REGISTRATION',
    '该儿童本年度已由其他微信账号报名。如果不是您的家人所报（冒名或误报），请携带户口簿和出生医学证明，到报名学校或县教育局核实；核实后学校会作废那份报名，您即可重新报名。',
  );
}

export const familyActions = {
  submit: defineAction(registrationContract.submit, registrationPayloads.submit, {
    roles: ['parent'],
    async run(ctx, input) {
      const s = await settingsLoad(ctx);
      if (!s) return noSettings();
      const today = cstDateOf(ctx.now);
      const rules = formRuleRefusal(input.form, s, today);
      if (rules) return rules;
      const check = registrationFormCheck(input.form, s, today);
      if (check.status !== 'valid') return fail('INVALID_INPUT');
      const form: RegistrationForm = {
        ...input.form,
        idNumber: check.idNumber,
        childName: input.form.childName.trim(),
      };
      // Everything the submit reads, at once (each a round trip of tens of ms on registration day):
      // the school and the zone table, the draft's documents, the child's earlier registrations of
      // the year, the property's earlier uses. The answers are then looked at in the same order
      // as one after another, so a refusal is the same.
      const key = childKey(check.idNumber, s.enrollmentYear);
      const [place, draft, earlier, uses] = await Promise.all([
        schoolRead(ctx, input.form),
        ctx.store.getDraft(ctx.caller.openid, input.draftId),
        ctx.store.listRegistrationsByChild(key),
        propertyUsesRead(ctx.store, form, s),
      ]);
      if ('fail' in place) return place.fail;
      const documents = draft?.documents ?? {};
      const missing = documentsRefusal(input.form, documents, s, today);
      if (missing) return missing;
      // One still holding the child refuses at once (the store refuses it anyway, also when two
      // submits race); a withdrawn or voided one is linked from the new registration.
      const holding = earlier.find((r) => registrationHoldsChild(r.status));
      if (holding) return duplicateRefusal(ctx, holding);
      const id = registrationIdOf(key, earlier.length + 1);
      const derived = await registrationDerive(
        ctx.store,
        id,
        form,
        documents,
        check.birthDate,
        s,
        today,
        uses,
      );
      const at = ctx.now.toISOString();
      const schoolName = place.school.name;
      const registration: Registration = {
        id,
        childKey: key,
        previousId: earlier.at(-1)?.id ?? null,
        year: s.enrollmentYear,
        stage: form.stage,
        ownerOpenid: ctx.caller.openid,
        schoolId: asSchoolId(form.schoolId),
        childName: form.childName,
        idNumber: check.idNumber,
        birthDate: check.birthDate,
        gender: check.gender,
        form,
        documents,
        ...derived,
        status: 'pending_review',
        version: 1,
        createdAt: at,
        updatedAt: at,
        // Submitted and routed to the school's queue in one write: no half state is stored.
        history: historyOfSubmit(at, historyActorOf(ctx.caller), schoolName),
      };
      // The draft's removal, the notice, the audit entry and the answer kept for retries go with the
      // registration (one transaction on the embedded store): a duplicate leaves the draft, and no
      // stored registration lacks its entry or leaves its request pending.
      const answer = ok(registrationView(registration, schoolName, true));
      const title = '报名已提交';
      const body = `${form.childName}的报名已提交至${schoolName}，请留意审核结果。`;
      const notice = noticeWithChange(ctx, registration, title, body);
      const created = await ctx.store.createRegistration(registration, {
        draft: { owner: ctx.caller.openid, id: input.draftId },
        notice: notice ?? undefined,
        idempotency: ctx.idempotency && { key: ctx.idempotency.key, response: answer },
        audit: {
          at,
          actor: ctx.caller.openid,
          action: 'registration.submit',
          entity: `registration:${id}`,
          detail: {
            schoolId: form.schoolId,
            stage: form.stage,
            tier: derived.tier.status === 'eligible' ? derived.tier.tier : 0,
          },
        },
      });
      if (created.status === 'duplicate') {
        const now = (await ctx.store.listRegistrationsByChild(key)).find((r) =>
          registrationHoldsChild(r.status),
        );
        return duplicateRefusal(ctx, now ?? null);
      }
      ctx.idempotency?.finishedWith(answer);
      if (!notice) await noticeSend(ctx, registration, title, body);
      return answer;
    },
  }),

  resubmit: defineAction(registrationContract.resubmit, registrationPayloads.resubmit, {
    roles: ['parent'],
    async run(ctx, input) {
      const r = await ctx.store.getRegistration(asRegistrationId(input.id));
      if (!r || r.ownerOpenid !== ctx.caller.openid) return fail('NOT_FOUND');
      if (r.status !== 'needs_more')
        return fail('INVALID_TRANSITION', '只有“需补充材料”的报名可以修改后重新提交。');
      const deadline = r.history[r.history.length - 1]?.deadline;
      if (deadline && cstDateOf(ctx.now) > deadline) {
        return fail('OUT_OF_WINDOW', `补充材料的截止日期（${cstDateLabel(deadline)}）已过，请联系学校。`);
      }
      const s = await settingsLoad(ctx);
      if (!s) return noSettings();
      const refusal = await formRefusal(ctx, input.form, s);
      if (refusal) return refusal;
      const check = registrationFormCheck(input.form, s, cstDateOf(ctx.now));
      if (check.status !== 'valid') return fail('INVALID_INPUT');
      if (check.idNumber !== r.idNumber)
        return fail('INVALID_INPUT', '不能更改儿童身份证号；如填错，请撤回后重新报名。');
      if (input.form.schoolType !== r.form.schoolType)
        return fail('INVALID_INPUT', '公办或民办的选择确认后不能更改。');
      if (input.form.schoolId !== r.schoolId) return fail('INVALID_INPUT', '修改时不能更换报名学校。');
      const draft = await ctx.store.getDraft(ctx.caller.openid, input.draftId);
      const documents = { ...r.documents, ...(draft?.documents ?? {}) };
      const missing = documentsRefusal(input.form, documents, s, cstDateOf(ctx.now));
      if (missing) return missing;
      const form: RegistrationForm = {
        ...input.form,
        idNumber: check.idNumber,
        childName: input.form.childName.trim(),
      };
      const derived = await registrationDerive(
        ctx.store,
        r.id,
        form,
        documents,
        r.birthDate,
        s,
        cstDateOf(ctx.now),
      );
      const change = historyEntry(
        'needs_more',
        'pending_review',
        ctx.now.toISOString(),
        historyActorOf(ctx.caller),
        '家长已补充材料并重新提交',
      );
      const res = await ctx.store.transitionRegistration(r.id, input.version, change, {
        form,
        childName: form.childName,
        documents,
        ...derived,
      });
      if (res.status === 'not_found') return fail('NOT_FOUND');
      if (res.status === 'stale') return fail('STALE_VERSION');
      await ctx.store.deleteDraft(ctx.caller.openid, input.draftId);
      await auditAppend(
        ctx,
        'registration.resubmit',
        `registration:${r.id}`,
        { version: res.registration.version },
        change.at,
      );
      return ok(registrationView(res.registration, await schoolNameOf(ctx, r.schoolId), true));
    },
  }),

  withdraw: defineAction(registrationContract.withdraw, registrationPayloads.withdraw, {
    roles: ['parent'],
    async run(ctx, input) {
      const r = await ctx.store.getRegistration(asRegistrationId(input.id));
      if (!r || r.ownerOpenid !== ctx.caller.openid) return fail('NOT_FOUND');
      if (!['submitted', 'pending_review', 'first_approved', 'needs_more'].includes(r.status)) {
        return fail('INVALID_TRANSITION', '审核通过后不能撤回报名；如有问题请联系学校。');
      }
      const change = historyEntry(
        r.status,
        'withdrawn',
        ctx.now.toISOString(),
        historyActorOf(ctx.caller),
        input.reason.trim() || '家长撤回报名',
      );
      const res = await ctx.store.transitionRegistration(r.id, input.version, change);
      if (res.status === 'not_found') return fail('NOT_FOUND');
      if (res.status === 'stale') return fail('STALE_VERSION');
      await noticeSend(ctx, res.registration, '报名已撤回', `${r.childName}的报名已撤回。`);
      await auditAppend(ctx, 'registration.withdraw', `registration:${r.id}`, { from: r.status }, change.at);
      return ok(registrationView(res.registration, await schoolNameOf(ctx, r.schoolId), true));
    },
  }),
};
