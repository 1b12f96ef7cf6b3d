/**
 * Reading a store's whole audit log and verifying it (the command line, backups, the season's
 * checks, the cloud tests): apart from auditChain.ts, which the store port itself depends on.
 */
import type { Store } from '../store/port';
import { auditPosition, auditVerify, type AuditVerification, type ChainedAudit } from './auditChain';

/** The whole log in chain order, a page at a time. */
export async function auditChainAll(store: Pick<Store, 'auditChainPage'>): Promise<ChainedAudit[]> {
  const rows: ChainedAudit[] = [];
  for (let after = 0; ;) {
    const page = await store.auditChainPage(after, 1000);
    rows.push(...page);
    if (page.length < 1000) return rows;
    after = auditPosition(page[page.length - 1] as ChainedAudit);
  }
}

/**
 * Verifies a store's whole log; with `expectHead` (a head published earlier) also that nothing
 * from before it is gone — on many chains through the checkpoint the store kept for that head.
 */
export async function auditVerifyStore(
  store: Pick<Store, 'auditChainPage' | 'auditCheckpoint'>,
  expectHead?: string,
): Promise<AuditVerification> {
  const rows = await auditChainAll(store);
  const checkpoint = expectHead ? await store.auditCheckpoint(expectHead) : null;
  return auditVerify(rows, expectHead, checkpoint);
}
