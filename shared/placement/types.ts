/** Placement inputs and outputs (the JSON shape the CLI reads and prints). */

export const mechanisms = ['da', 'boston', 'ttc'] as const;
export type Mechanism = (typeof mechanisms)[number];

export interface PlacementSchool {
  readonly id: string;
  readonly capacity: number;
  /** A strict order of the students the school finds acceptable (best first)… */
  readonly priority?: readonly string[];
  /** …or tiers (1 = highest) for acceptable students; ties are broken by the lottery. */
  readonly tiers?: Readonly<Record<string, number>>;
}

export interface PlacementStudent {
  readonly id: string;
  /** Schools in the family's order of preference (single-school zones: one). */
  readonly preferences: readonly string[];
  /** Twins/multiples share a group: one lottery number, admitted or refused together. */
  readonly group?: string;
}

export interface PlacementInput {
  readonly schools: readonly PlacementSchool[];
  readonly students: readonly PlacementStudent[];
}

export interface RunRecord {
  readonly algorithm: string;
  readonly mechanism: Mechanism;
  readonly rng: string;
  readonly seed: string;
  readonly inputHash: string;
  readonly outputHash: string;
}

export interface SchoolCutoff {
  readonly capacity: number;
  readonly admitted: number;
  /**
   * The last admitted unit, or null when seats were left over: its tier and lottery number at a
   * tiered school, or its position (1 = first) in a strict priority list.
   */
  readonly cutoff:
    | { readonly kind: 'tier'; readonly tier: number; readonly lottery: number }
    | { readonly kind: 'rank'; readonly rank: number }
    | null;
}

export interface PlacementResult {
  readonly assignment: Readonly<Record<string, string | null>>;
  readonly schools: Readonly<Record<string, readonly string[]>>;
  readonly lottery: Readonly<Record<string, number>>;
  readonly cutoffs: Readonly<Record<string, SchoolCutoff>>;
  readonly runRecord: RunRecord;
}
