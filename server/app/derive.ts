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
import { inParallel, PARALLEL_CALLS } from '../runtime/parallel';
import type { PropertyUse, Store } from '../store/port';

/** The registrations of this stage that used the property within the lock period. */
export const propertyUsesRead = (
  store: Store,
  form: RegistrationForm,
  s: PolicySettings,
): Promise<readonly PropertyUse[]> =>
  form.property
    ? store.findPropertyUses(
        propertyKey(form.property.certificateNo),
        form.stage,
        s.enrollmentYear - s.propertyLockYears + 1,
      )
    : Promise.resolve([]);

/**
 * 一房一学位: another registration of this stage used the property within the lock period, and
 * is not a sibling's (siblings of the same parents share a guardian and are exempt).
 */
function propertyConflict(
  uses: readonly PropertyUse[],
  form: RegistrationForm,
  self: RegistrationId,
): boolean {
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
  /** The property's uses, when the caller read them already (propertyUsesRead, same form). */
  usesRead?: readonly PropertyUse[],
): Promise<Required<Pick<RegistrationPatch, 'tier' | 'flags' | 'propertyKey' | 'searchKeys'>>> {
  const key = form.property ? propertyKey(form.property.certificateNo) : null;
  const conflict = key
    ? propertyConflict(usesRead ?? (await propertyUsesRead(store, form, s)), form, id)
    : false;
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

/** One family's notice in a batch (see noticesSend). */
export interface NoticeItem {
  readonly registration: Pick<Registration, 'id' | 'ownerOpenid' | 'childName' | 'status'>;
  readonly title: string;
  readonly body: string;
  /** A fixed id makes a repeated step write the same notice again instead of a second one. */
  readonly id?: string;
}

/**
 * noticeSend for many families at once (a draw's results, a class split): the accepted-message
 * counts read together, the messages sent in parallel (each allowance used after WeChat took
 * the message), the inbox notices written together. A few calls, not a few per family.
 */
export async function noticesSend(ctx: FnContext, items: readonly NoticeItem[]): Promise<number> {
  if (items.length === 0) return 0;
  const template = ctx.config.subscribeTemplateId;
  const quotas = template
    ? await ctx.store.subscriptionQuotas(
        items.map((x) => x.registration.ownerOpenid),
        template,
      )
    : items.map(() => 0);
  // One message per family even if it has several children in the batch.
  const left = new Map(items.map((x, i) => [x.registration.ownerOpenid as string, quotas[i] ?? 0]));
  const pushed = await inParallel(items, PARALLEL_CALLS, async (x) => {
    const owner = x.registration.ownerOpenid as string;
    if (!template || (left.get(owner) ?? 0) <= 0) return false;
    left.set(owner, (left.get(owner) ?? 0) - 1);
    const sent = await ctx.messenger.send({
      openid: owner,
      templateId: template,
      page: `pages/parent/detail/index?id=${x.registration.id}`,
      data: {
        thing1: { value: thingValue(x.title) },
        name2: { value: nameValue(x.registration.childName) },
        phrase3: { value: phraseValue(registrationStatusLabels[x.registration.status] ?? x.title) },
        time4: { value: timeValue(ctx.now) },
        thing5: { value: thingValue(x.body) },
      },
    });
    if (sent) await ctx.store.subscriptionConsume(x.registration.ownerOpenid, template);
    return sent;
  });
  await ctx.store.appendNotices(
    items.map((x, i) => ({
      ...noticeOf(ctx, x.registration, x.title, x.body, pushed[i] === true),
      ...(x.id ? { id: x.id } : {}),
    })),
  );
  return pushed.filter(Boolean).length;
}

/** The inbox record of a notice. */
export const noticeOf = (
  ctx: FnContext,
  r: Pick<Registration, 'id' | 'ownerOpenid'>,
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
