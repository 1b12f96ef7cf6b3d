/**
 * What a season run is given and what its stages and checks share (types only, so the checks can
 * read the run's state without importing the run).
 */
import type { SeasonFamily, SeasonPlan } from '../../shared/season/plan';
import type { Stage } from '../../shared/settings';
import type { Store } from '../store/port';
import type { SeasonActor, SeasonTransport } from './transport';

export interface SeasonClock {
  now(): Date;
  /** Moves the host's clock on (a no-op when it follows the real time). */
  advanceDays(days: number): void;
}

export interface SeasonRunOptions {
  readonly transport: SeasonTransport;
  /** Read only: the checks read the store the way `npx junheng audit-verify` does. */
  readonly store: Store;
  readonly clock: SeasonClock;
  readonly plan: SeasonPlan;
  /** Per stage: draw and publish ('published'), or leave the approved children waiting. */
  readonly placement: Readonly<Record<Stage, 'published' | 'waiting'>>;
  /** Accepting, reviews (复核) and their answers after publication. */
  readonly afterPlacement: boolean;
  /** Run the invariant checks after each stage. */
  readonly checks: boolean;
  readonly concurrency: number;
  readonly log?: (line: string) => void;
}

/** One registration the season made, and who made it. */
export interface SeasonRegistration {
  readonly id: string;
  readonly owner: SeasonActor;
  readonly family: SeasonFamily;
  /** Made by the wrong account (a 'squatted' family's squatter). */
  readonly squatter: boolean;
}

/** Everything the stages and the checks share. */
export interface SeasonState {
  readonly o: SeasonRunOptions;
  /** Every registration made, by id. */
  readonly regs: Map<string, SeasonRegistration>;
  /** A family's current registration (the last one it made). */
  readonly current: Map<number, { id: string; version: number }>;
  readonly surprises: string[];
  readonly published: Map<Stage, { runId: string; seed: string }>;
  readonly schoolIds: readonly string[];
  /** How far the families' stories have got (what the checks expect of them). */
  phase: 'none' | 'registered' | 'reviewed';
}
