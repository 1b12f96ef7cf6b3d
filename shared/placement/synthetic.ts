/**
 * Synthetic counties for benchmarks and tests: schools with seats, applicants ranking several
 * schools (popular schools more often), tiers 1–4. Seeded: the same arguments give the same county.
 */
import { rngFromSeed, rngInt } from '../random';
import type { PlacementInput } from './types';

export function syntheticCounty(
  seed: string,
  applicants: number,
  schools: number,
  choices: number,
): PlacementInput {
  const rng = rngFromSeed(seed);
  const ids = Array.from({ length: schools }, (_, i) => `S${String(i).padStart(3, '0')}`);
  // Popularity: school i is drawn with weight ∝ 1/(1 + i/20) — a few hot schools, a long tail.
  const weights = ids.map((_, i) => 1 / (1 + i / 20));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  weights.reduce((acc, w) => (cumulative.push(acc + w / total), acc + w / total), 0);
  const pick = (): number => {
    const x = rng.nextUint32() / 2 ** 32;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const tiers: Record<string, number>[] = ids.map(() => ({}));
  const students = Array.from({ length: applicants }, (_, n) => {
    const id = `c${n}`;
    const prefs = new Set<number>();
    while (prefs.size < Math.min(choices, schools)) prefs.add(pick());
    for (const k of prefs) (tiers[k] as Record<string, number>)[id] = rngInt(rng, 1, 4);
    return { id, preferences: [...prefs].map((k) => ids[k] as string) };
  });
  const seats = Math.round((applicants * 0.95) / schools);
  return {
    schools: ids.map((id, k) => ({ id, capacity: seats, tiers: tiers[k] as Record<string, number> })),
    students,
  };
}
