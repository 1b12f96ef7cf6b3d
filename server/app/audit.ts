/** The audit entry of a change the caller made now: who, what, on which record, with what detail. */
import type { FnContext } from '../runtime/context';

export const auditAppend = (
  ctx: Pick<FnContext, 'store' | 'now' | 'caller'>,
  action: string,
  entity: string,
  detail: Readonly<Record<string, unknown>>,
): Promise<void> =>
  ctx.store.appendAudit({ at: ctx.now.toISOString(), actor: ctx.caller.openid, action, entity, detail });
