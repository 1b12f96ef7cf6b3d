/** The county's roster of school-age children (适龄儿童), a year at a time, with follow-ups. */
import type { CensusChild, CensusRecord } from '../../../shared/oversight/census';
import type { Page, PageRequest, SaveResult } from './common';

export interface CensusStore {
  /**
   * Writes children onto a year's roster in one call: a new child gets a record with no
   * follow-ups, a child already on it gets the new fields and the next version — its follow-ups
   * are never touched, so a note recorded while an import runs is not lost.
   */
  mergeCensus(
    year: number,
    rows: readonly { readonly id: string; readonly child: CensusChild }[],
  ): Promise<void>;
  /** Takes children off the roster (a confirmed replace; the caller audits each one first). */
  removeCensus(ids: readonly string[]): Promise<void>;
  /** A year's whole roster by township, then id, in a few reads. */
  censusAll(year: number): Promise<readonly CensusRecord[]>;
  /** A year's roster by township, then id. */
  listCensus(year: number, page: PageRequest): Promise<Page<CensusRecord>>;
  getCensus(id: string): Promise<CensusRecord | null>;
  /** Updates a child's record at the version read (follow-ups); otherwise a conflict. */
  saveCensus(next: CensusRecord, expectedVersion: number): Promise<SaveResult>;
}
