/**
 * The ids a stage's draw is kept under: its frozen applicant list and its one formal run. Every
 * reader (placement, guidance, seats, the dashboard) names them through these.
 */
import type { Stage } from '../settings';

export const freezeIdOf = (year: number, stage: Stage): string => `${year}-${stage}`;
export const finalRunIdOf = (year: number, stage: Stage): string => `${freezeIdOf(year, stage)}:final`;
