/**
 * Everything a registration derives from its form at submit or resubmit: tier, flags, the
 * 一房一学位 check, search keys. The rules are shared/; this file only gathers their inputs.
 */
import type { CstDate, RegistrationId } from '../../shared/brand';
import { documentsMissing } from '../../shared/registration/documents';
import { propertyKey, registrationFlags } from '../../shared/registration/flags';
import type { RegistrationForm } from '../../shared/registration/form';
import { tierAssess } from '../../shared/registration/tier';
import type { DocumentRef, Notice, Registration, RegistrationPatch } from '../../shared/registration/types';
import { registrationStatusLabels } from '../../shared/registration/status';
import type { PolicySettings } from '../../shared/settings';
import { nameValue, phraseValue, thingValue, timeValue } from '../../shared/subscribeFields';
import type { FnContext } from '../runtime/context';
import { noticeIdNew } from '../runtime/ids';
import type { Store } from '../store/port';

/**
 * 一房一学位: another registration of this stage used the property within the lock period, and
 * is not a sibling's (siblings of the same parents share a guardian and are exempt).
 */
async function propertyConflict(
  store: Store,
  form: RegistrationForm,
  key: string,
  self: RegistrationId,
  s: PolicySettings,
): Promise<boolean> {
  const lock = s.propertyLockYears;
  const uses = await store.findPropertyUses(key, form.stage, s.enrollmentYear - lock + 1);
  const mine = new Set(form.guardians.map((g) => g.idNumber.toUpperCase()));
  return uses.some(
    (u) => u.registrationId !== self && !u.guardianIdNumbers.some((g) => mine.has(g.toUpperCase())),
  );
}

export async function registrationDerive(
  store: Store,
  id: RegistrationId,
  form: RegistrationForm,
  documents: Readonly<Record<string, DocumentRef>>,
  birthDate: CstDate,
  s: PolicySettings,
  today: CstDate,
): Promise<Required<Pick<RegistrationPatch, 'tier' | 'flags' | 'propertyKey' | 'searchKeys'>>> {
  const key = form.property ? propertyKey(form.property.certificateNo) : null;
  const conflict = key ? await propertyConflict(store, form, key, id, s) : false;
  const missing = documentsMissing(form, new Set(Object.keys(documents))).length;
  return {
    tier: tierAssess(form, s, today),
    flags: registrationFlags(form, { birthDate, propertyConflict: conflict, missingDocuments: missing }, s),
    propertyKey: key,
    searchKeys: [
      ...new Set([
        form.childName.trim(),
        form.idNumber.slice(-4),
        ...form.guardians.map((g) => g.mobile.trim().slice(-4)),
      ]),
    ].filter(Boolean),
  };
}

/**
 * Tells the family: always in the in-app inbox (the record, and the fallback), and as a WeChat
 * subscribe message when a template is configured and the family has an accepted message left
 * (each tap on 允许 allows exactly one). The allowance is used only once WeChat took the message.
 */
export async function noticeSend(
  ctx: FnContext,
  r: Registration,
  title: string,
  body: string,
): Promise<void> {
  const template = ctx.config.subscribeTemplateId;
  let pushed = false;
  if (template && (await ctx.store.subscriptionQuota(r.ownerOpenid, template)) > 0) {
    pushed = await ctx.messenger.send({
      openid: r.ownerOpenid,
      templateId: template,
      page: `pages/parent/detail/index?id=${r.id}`,
      data: {
        thing1: { value: thingValue(title) },
        name2: { value: nameValue(r.childName) },
        phrase3: { value: phraseValue(registrationStatusLabels[r.status] ?? title) },
        time4: { value: timeValue(ctx.now) },
        thing5: { value: thingValue(body) },
      },
    });
    if (pushed) await ctx.store.subscriptionConsume(r.ownerOpenid, template);
  }
  await ctx.store.appendNotice(noticeOf(ctx, r, title, body, pushed));
}

/** The inbox record of a notice. */
export const noticeOf = (
  ctx: FnContext,
  r: Registration,
  title: string,
  body: string,
  pushed: boolean,
): Notice => ({
  id: noticeIdNew(ctx.now),
  ownerOpenid: r.ownerOpenid,
  at: ctx.now.toISOString(),
  title,
  body,
  registrationId: r.id,
  pushed,
});

/**
 * The notice as a record to write together with the change it tells of — possible only when no
 * subscribe message can go out (no template configured: the local host), since otherwise whether
 * it was pushed is known only after the change is stored. Null: send it after, with noticeSend.
 */
export const noticeWithChange = (
  ctx: FnContext,
  r: Registration,
  title: string,
  body: string,
): Notice | null => (ctx.config.subscribeTemplateId ? null : noticeOf(ctx, r, title, body, false));
