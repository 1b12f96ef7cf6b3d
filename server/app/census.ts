/** The year's census roster and each child's standing against the registrations (county and reports). */
import type { CensusRecord } from '../../shared/oversight/census';
import { censusCompare, enrolmentStageOf } from '../../shared/oversight/census';
import type { FnContext } from '../runtime/context';
import { yearRegistrations } from './dashboard';

/** The year's whole roster, by township then id (a few reads for a county's 10,000 children). */
export const censusAll = (ctx: FnContext, year: number): Promise<readonly CensusRecord[]> =>
  ctx.store.censusAll(year);

/** The year's roster and each child's standing against the registrations. */
export async function censusStanding(ctx: FnContext, year: number) {
  const [records, summaries] = await Promise.all([censusAll(ctx, year), yearRegistrations(ctx, year)]);
  const regs = summaries.flatMap((r) => {
    const stage = enrolmentStageOf(r);
    return stage ? [{ id: r.id as string, idNumber: r.idNumber, stage }] : [];
  });
  return {
    records,
    ...censusCompare(
      records.map((r) => r.child),
      regs,
    ),
  };
}
