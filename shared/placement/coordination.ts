/**
 * 统筹: children a draw leaves without a seat are placed by the bureau's rule — in lottery order,
 * each at the nearest school of the stage that still has seats (distance between schools on the
 * county map; ties by school id). Pure and deterministic; a child with no seat anywhere stays
 * unassigned for the bureau to handle by hand.
 */
export interface CoordinationSchool {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly spare: number;
}

export interface Coordinated {
  readonly schoolId: string | null;
  readonly distanceKm: number | null;
}

export function coordinationAssign(
  children: readonly { readonly id: string; readonly lottery: number; readonly fromSchoolId: string }[],
  schools: readonly CoordinationSchool[],
): Map<string, Coordinated> {
  const spare = new Map(schools.map((s) => [s.id, s.spare]));
  const at = new Map(schools.map((s) => [s.id, s]));
  const out = new Map<string, Coordinated>();
  for (const c of [...children].sort((a, b) => a.lottery - b.lottery || (a.id < b.id ? -1 : 1))) {
    const from = at.get(c.fromSchoolId);
    let best: { id: string; d: number } | null = null;
    for (const s of schools) {
      if ((spare.get(s.id) ?? 0) <= 0 || !from) continue;
      const d = Math.hypot(s.x - from.x, s.y - from.y);
      if (!best || d < best.d - 1e-9 || (Math.abs(d - best.d) <= 1e-9 && s.id < best.id))
        best = { id: s.id, d };
    }
    if (best) spare.set(best.id, (spare.get(best.id) ?? 0) - 1);
    out.set(
      c.id,
      best
        ? { schoolId: best.id, distanceKm: Math.round(best.d * 10) / 10 }
        : { schoolId: null, distanceKm: null },
    );
  }
  return out;
}
