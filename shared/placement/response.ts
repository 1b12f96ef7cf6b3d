/**
 * A family's response to a published placement: accept the seat, or ask for a review (复核)
 * within the bureau's window, with a text and optionally one document; the bureau answers every
 * review. One record per child per cycle, versioned like a registration so two taps cannot both act.
 */
import type { CstDate, OpenId, RegistrationId, SchoolId } from '../brand';
import type { ErrorCode } from '../errors';
import type { RegistrationStatus } from '../registration/status';
import type { DocumentRef } from '../registration/types';
import type { Stage } from '../settings';
import { cstDateAddDays, cstDateLabel, cstDateOf } from '../time';

export const appealOutcomes = ['upheld', 'dismissed'] as const;
export type AppealOutcome = (typeof appealOutcomes)[number];
export const appealOutcomeLabels: Record<AppealOutcome, string> = {
  upheld: '复核成立，教育局将调整并另行通知',
  dismissed: '复核不成立，维持原结果',
};

export const APPEAL_TEXT_MIN = 10;
export const APPEAL_TEXT_MAX = 500;

export interface PlacementAppeal {
  readonly text: string;
  readonly document: DocumentRef | null;
  readonly at: string;
}

export interface AppealAnswer {
  readonly text: string;
  readonly outcome: AppealOutcome;
  readonly by: OpenId;
  readonly at: string;
}

export interface PlacementResponse {
  /** The registration's id: one response per child per cycle. */
  readonly id: RegistrationId;
  readonly ownerOpenid: OpenId;
  readonly year: number;
  readonly stage: Stage;
  readonly runId: string;
  /** The school the child was placed at (or 统筹 to), as published. */
  readonly schoolId: SchoolId | null;
  readonly acceptedAt: string | null;
  readonly appeal: PlacementAppeal | null;
  readonly answer: AppealAnswer | null;
  readonly version: number;
}

export type AppealState = 'none' | 'open' | 'answered';

export const appealStateOf = (r: PlacementResponse | null): AppealState =>
  !r?.appeal ? 'none' : r.answer ? 'answered' : 'open';

/** The last CST day on which a review may be asked for: the publish day + `days`. */
export const appealClosesOn = (publishedAt: string, days: number): CstDate =>
  cstDateAddDays(cstDateOf(new Date(publishedAt)), days);

export interface Refusal {
  readonly code: ErrorCode;
  readonly message: string;
}

const placedStatuses: readonly RegistrationStatus[] = ['admitted', 'coordinating'];

/** Why a family may not accept now, or null if it may. */
export function acceptRefusal(status: RegistrationStatus, r: PlacementResponse | null): Refusal | null {
  if (status !== 'admitted') return { code: 'INVALID_TRANSITION', message: '只有已录取的学位才能确认接受。' };
  if (r?.acceptedAt) return { code: 'INVALID_TRANSITION', message: '您已经确认接受了这个学位。' };
  if (appealStateOf(r) === 'open')
    return { code: 'INVALID_TRANSITION', message: '您的复核申请正在处理，请等待答复后再确认。' };
  return null;
}

/** Why a family may not ask for a review now, or null if it may. */
export function appealRefusal(
  status: RegistrationStatus,
  r: PlacementResponse | null,
  closesOn: CstDate,
  now: Date,
): Refusal | null {
  if (!placedStatuses.includes(status))
    return { code: 'INVALID_TRANSITION', message: '派位结果公布后才能申请复核。' };
  if (r?.acceptedAt) return { code: 'INVALID_TRANSITION', message: '您已经确认接受学位，不能再申请复核。' };
  if (r?.appeal) return { code: 'INVALID_TRANSITION', message: '每名儿童只能申请一次复核。' };
  if (cstDateOf(now) > closesOn)
    return { code: 'OUT_OF_WINDOW', message: `复核申请已于${cstDateLabel(closesOn)}截止。` };
  return null;
}
