/**
 * The audit entry of a change the caller made: who, what, on which record, with what detail. `at`
 * is now unless the change carries its own time (a status change's or a saved record's), so the
 * entry and the record agree to the millisecond.
 */
import type { FnContext } from '../runtime/context';

export const auditAppend = (
  ctx: Pick<FnContext, 'store' | 'now' | 'caller'>,
  action: string,
  entity: string,
  detail: Readonly<Record<string, unknown>>,
  at: string = ctx.now.toISOString(),
): Promise<void> => ctx.store.appendAudit({ at, actor: ctx.caller.openid, action, entity, detail });
