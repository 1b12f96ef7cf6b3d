/**
 * 统筹安排 after a stage's results are published: the bureau gives a seat to a child the draw left
 * without one (统筹中 — the family was told 具体安排会发到“消息”中) or to a child approved after the
 * publication (a late approval never met the draw). Which children wait, how many seats each
 * school has left, and why an arrangement is refused — pure, shared by the function, the page's
 * figures and the tests.
 */
import type { SchoolId } from '../brand';
import type { School } from '../county/types';
import type { ErrorCode } from '../errors';
import type { RegistrationStatus } from '../registration/status';
import type { RegistrationSummary } from '../registration/summary';
import type { PolicySettings, Stage } from '../settings';
import { schoolSeats } from '../county/figures';
import { admittedSchoolOfSummary } from './admitted';

/**
 * The statuses a child waits for 统筹安排 in, once the stage's results are published: 统筹中, approved
 * too late for the draw, or 待派位 (publication moved every child of the draw out of it, so one
 * still there is a late approval whose arrangement stopped half-way).
 */
export const arrangeStatuses: readonly RegistrationStatus[] = [
  'coordinating',
  'approved',
  'awaiting_placement',
];

/** Children of a stage waiting for the bureau's arrangement, oldest registration id first. */
export function arrangeWaiting(
  summaries: readonly RegistrationSummary[],
  stage: Stage,
  published: boolean,
): RegistrationSummary[] {
  if (!published) return [];
  return summaries
    .filter((r) => r.stage === stage && arrangeStatuses.includes(r.status))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface SchoolSeats {
  readonly id: SchoolId;
  readonly name: string;
  /** Entry classes × the stage's class cap. */
  readonly seats: number;
  /** Children holding a seat there by the published result (admittedSchoolOf). */
  readonly admitted: number;
  readonly left: number;
}

/**
 * Seats (the dashboard's figure) and seats left at each school of a stage, by the one rule of who
 * holds a seat where (the dashboard's 录取 column).
 */
export function seatsLeft(
  schools: readonly School[],
  summaries: readonly RegistrationSummary[],
  stage: Stage,
  s: Pick<PolicySettings, 'classCap'>,
): SchoolSeats[] {
  const admitted = new Map<string, number>();
  for (const r of summaries) {
    const at = admittedSchoolOfSummary(r);
    if (at) admitted.set(at, (admitted.get(at) ?? 0) + 1);
  }
  return schools
    .filter((school) => school.stage === stage)
    .map((school) => {
      const seats = schoolSeats(school, s);
      const n = admitted.get(school.id) ?? 0;
      return { id: school.id, name: school.name, seats, admitted: n, left: Math.max(0, seats - n) };
    });
}

export interface Refusal {
  readonly code: ErrorCode;
  readonly message: string;
}

/** Why this child cannot be given a seat at this school now, or null if it can. */
export function arrangeRefusal(
  r: { readonly status: RegistrationStatus; readonly stage: Stage },
  published: boolean,
  school: SchoolSeats | undefined,
  stageOfSchool: Stage | undefined,
): Refusal | null {
  if (!published)
    return { code: 'INVALID_TRANSITION', message: '本学段的派位结果公布后，才能统筹安排学位。' };
  if (!arrangeStatuses.includes(r.status))
    return { code: 'INVALID_TRANSITION', message: '只有统筹中或派位结果公布后审核通过的儿童需要统筹安排。' };
  if (!school || stageOfSchool !== r.stage)
    return { code: 'INVALID_INPUT', message: '请选择本学段的一所学校。' };
  if (school.left <= 0)
    return { code: 'NO_SEATS', message: `${school.name}已没有空余学位，请选择其他学校。` };
  return null;
}

/** What the family reads: where, and the bureau's reason. */
export const arrangeExplanation = (schoolName: string, reason: string): string =>
  `由教育局统筹安排到${schoolName}：${reason}`;
