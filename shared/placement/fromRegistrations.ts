/**
 * Builds the frozen placement input from approved registrations: each zone school's seats
 * (entry classes × the stage's cap), each child's tier at every school of their zone, their
 * preferences (the chosen school first, then the zone's other schools), and twins bound together
 * when both are in the list. Children are identified only by registration id (no ID numbers in
 * the list that gets published).
 */
import type { School, Zone } from '../county/types';
import type { RegistrationSummary } from '../registration/summary';
import type { PolicySettings, Stage } from '../settings';
import type { PlacementInput, PlacementStudent } from './types';

/** What the list is built from: a registration's summary (its form, documents and history are not needed). */
export type PlacementApplicant = Pick<
  RegistrationSummary,
  'id' | 'idNumber' | 'schoolId' | 'tier' | 'community' | 'twinIdNumbers'
>;

export function placementInputBuild(
  registrations: readonly PlacementApplicant[],
  schools: readonly School[],
  zones: readonly Zone[],
  settings: PolicySettings,
  stage: Stage,
): PlacementInput {
  const stageSchools = schools.filter((s) => s.stage === stage).sort((a, b) => (a.id < b.id ? -1 : 1));
  const tiers = new Map<string, Record<string, number>>(stageSchools.map((s) => [s.id, {}]));
  // A twin is found by ID number among the registrations in the list (one per child at most).
  const byIdNumber = new Map(registrations.map((r) => [r.idNumber, r.id as string]));
  const students: PlacementStudent[] = [];
  for (const r of [...registrations].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const zoneSchools = zones
      .filter((z) => z.stage === stage && z.communities.includes(r.community))
      .flatMap((z) => z.schoolIds as readonly string[]);
    const preferences = [r.schoolId as string, ...zoneSchools.filter((s) => s !== r.schoolId)].filter((s) =>
      tiers.has(s),
    );
    if (r.tier > 0) for (const s of preferences) (tiers.get(s) as Record<string, number>)[r.id] = r.tier;
    const twins = r.twinIdNumbers.flatMap((n) => byIdNumber.get(n) ?? []);
    const group = twins.length > 0 ? [r.id as string, ...twins].sort()[0] : undefined;
    students.push(group ? { id: r.id, preferences, group } : { id: r.id, preferences });
  }
  // Twins who ranked differently cannot be bound: they take part as separate children.
  const byGroup = new Map<string, PlacementStudent[]>();
  for (const s of students) {
    if (!s.group) continue;
    const g = byGroup.get(s.group);
    if (g) g.push(s);
    else byGroup.set(s.group, [s]);
  }
  const unbind = new Set<string>();
  for (const [g, members] of byGroup) {
    const first = JSON.stringify(members[0]?.preferences);
    if (members.length < 2 || members.some((m) => JSON.stringify(m.preferences) !== first)) unbind.add(g);
  }
  return {
    schools: stageSchools.map((s) => ({
      id: s.id,
      capacity: s.entryClasses * settings.classCap[stage],
      tiers: tiers.get(s.id) ?? {},
    })),
    students: students.map((s) =>
      s.group && unbind.has(s.group) ? { id: s.id, preferences: s.preferences } : s,
    ),
  };
}
