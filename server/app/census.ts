/** The year's census roster and each child's standing against the registrations (county and reports). */
import type { CensusRecord } from '../../shared/oversight/census';
import { censusCompare } from '../../shared/oversight/census';
import type { FnContext } from '../runtime/context';
import { enrolmentStageOf, yearRegistrations } from './dashboard';

export async function censusAll(ctx: FnContext, year: number): Promise<CensusRecord[]> {
  const out: CensusRecord[] = [];
  for (let offset: number | null = 0; offset !== null;) {
    const page = await ctx.store.listCensus(year, { offset, limit: 500 });
    out.push(...page.items);
    offset = page.next;
  }
  return out;
}

/** The year's roster and each child's standing against the registrations. */
export async function censusStanding(ctx: FnContext, year: number) {
  const records = await censusAll(ctx, year);
  const regs = (await yearRegistrations(ctx, year)).flatMap((r) => {
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
