/** The draw: the frozen applicant list, the runs on it, and the families' responses and appeals. */
import type { RegistrationId } from '../../../shared/brand';
import type { AppealState, PlacementResponse } from '../../../shared/placement/response';
import type { PlacementInput, PlacementResult } from '../../../shared/placement/types';
import type { Stage } from '../../../shared/settings';
import type { CreateResult, Page, PageRequest, SaveResult } from './common';

/** The frozen applicant list of a stage and year: its canonical hash is published before the draw. */
export interface PlacementFreeze {
  readonly id: string;
  readonly year: number;
  readonly stage: Stage;
  readonly frozenAt: string;
  readonly by: string;
  readonly inputHash: string;
  readonly count: number;
  readonly input: PlacementInput;
  /** Each child's name by registration id, for the bureau's pages (not part of the hashed list). */
  readonly names?: Readonly<Record<string, string>>;
}

/** One draw on a frozen list (dry runs may repeat; the formal run happens once). */
export interface PlacementRunRecord {
  readonly id: string;
  readonly freezeId: string;
  readonly dryRun: boolean;
  readonly at: string;
  readonly by: string;
  readonly result: PlacementResult;
  /** 统筹: for each child left without a seat, the nearest school with spare seats (or none). */
  readonly coordination: Readonly<
    Record<string, { readonly schoolId: string | null; readonly distanceKm: number | null }>
  >;
  readonly publishedAt: string | null;
}

export type PlacementRunHead = Omit<PlacementRunRecord, 'result' | 'coordination'>;

export interface PlacementStore {
  /** One freeze per id: a second is refused (duplicate). */
  createFreeze(freeze: PlacementFreeze): Promise<CreateResult>;
  getFreeze(id: string): Promise<PlacementFreeze | null>;
  /** Append-only: a run id is used once (the formal run's id is fixed per freeze). */
  createPlacementRun(run: PlacementRunRecord): Promise<CreateResult>;
  getPlacementRun(id: string): Promise<PlacementRunRecord | null>;
  /** A run without its result (a county's is megabytes): when it ran and whether it is published. */
  getPlacementRunHead(id: string): Promise<PlacementRunHead | null>;
  markRunPublished(id: string, at: string): Promise<void>;
  getPlacementResponse(id: RegistrationId): Promise<PlacementResponse | null>;
  /**
   * Writes a family's response if nobody wrote first: `expectedVersion` null creates it (refused
   * if it exists); a number updates only the record still at that version. The stored version is
   * the given record's.
   */
  savePlacementResponse(next: PlacementResponse, expectedVersion: number | null): Promise<SaveResult>;
  /** Review requests of a cycle, oldest first; `state` null = open and answered. */
  listAppeals(
    year: number,
    state: Exclude<AppealState, 'none'> | null,
    page: PageRequest,
  ): Promise<Page<PlacementResponse>>;
}
