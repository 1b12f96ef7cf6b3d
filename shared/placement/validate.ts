/**
 * Checks any placement result without knowing the algorithm: each child at most one school,
 * no school over capacity, only schools the family ranked and that accept the child, twins
 * together, no wasted seat, and (for deferred acceptance with single children) no justified envy.
 * Used by tests, benchmarks, and before a result is saved.
 */
import type { PlacementInput, PlacementResult } from './types';
import { unitRank, unitsBuild, rankLess, type Unit } from './units';

export function placementProblems(
  input: PlacementInput,
  result: PlacementResult,
  seed: string,
  checkEnvy: boolean,
): string[] {
  const problems: string[] = [];
  const built = unitsBuild(input, seed);
  if (built.status === 'invalid') return [built.reason];
  const schools = new Map(input.schools.map((s) => [s.id, s]));
  const seats = new Map<string, number>();
  for (const st of input.students) {
    const a = result.assignment[st.id];
    if (a === undefined) problems.push(`${st.id}: missing from the assignment`);
    if (a) {
      seats.set(a, (seats.get(a) ?? 0) + 1);
      if (!st.preferences.includes(a))
        problems.push(`${st.id}: placed at ${a}, which the family did not rank`);
      if (!(result.schools[a] ?? []).includes(st.id))
        problems.push(`${st.id}: assignment and school list disagree`);
    }
  }
  for (const [sid, n] of seats) {
    const cap = schools.get(sid)?.capacity ?? 0;
    if (n > cap) problems.push(`${sid}: ${n} placed over capacity ${cap}`);
  }
  const unitSchool = (u: Unit) => result.assignment[u.members[0] as string] ?? null;
  for (const u of built.units) {
    const s = unitSchool(u);
    if (u.members.some((m) => (result.assignment[m] ?? null) !== s))
      problems.push(`${u.key}: group members placed apart`);
    if (s && unitRank(schools.get(s)!, u) === null)
      problems.push(`${u.key}: placed at ${s}, which does not accept it`);
    const mine = s === null ? u.preferences.length : u.preferences.indexOf(s);
    for (const better of u.preferences.slice(0, mine)) {
      const school = schools.get(better)!;
      const r = unitRank(school, u);
      if (r === null) continue;
      const used = seats.get(better) ?? 0;
      if (school.capacity - used >= u.members.length)
        problems.push(`${u.key}: wasted seat at ${better}, preferred and free`);
      if (checkEnvy) {
        const envied = built.units.filter(
          (o) => unitSchool(o) === better && rankLess(r, unitRank(school, o) as readonly [number, number]),
        );
        if (envied.length > 0)
          problems.push(`${u.key}: justified envy at ${better} (of ${envied.map((o) => o.key).join(', ')})`);
      }
    }
  }
  return problems;
}
