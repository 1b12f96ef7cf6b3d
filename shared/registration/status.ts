/**
 * The registration status machine (PRODUCT.md). Every change of status goes through
 * registrationTransitionAllowed, and the store applies it only if the record still has the
 * status and version the caller saw.
 */
export const registrationStatuses = [
  'draft',
  'submitted',
  'pending_review',
  'first_approved',
  'needs_more',
  'approved',
  'rejected',
  'awaiting_placement',
  'admitted',
  'coordinating',
  'reported',
  'withdrawn',
  'voided',
] as const;

export type RegistrationStatus = (typeof registrationStatuses)[number];

export const registrationStatusLabels: Record<RegistrationStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  pending_review: '待审核',
  first_approved: '初审通过',
  needs_more: '需补充材料',
  approved: '审核通过',
  rejected: '未通过',
  awaiting_placement: '待派位',
  admitted: '已录取',
  coordinating: '统筹中',
  reported: '已报到',
  withdrawn: '已撤回',
  voided: '已作废',
};

// 作废 (voided): the school or the bureau cancels a registration made by someone other than the
// child's family (冒名/误报) after checking the family's 户口簿 and 出生医学证明 in person. It is
// possible until the applicant list is frozen for the draw.
const transitions: Record<RegistrationStatus, readonly RegistrationStatus[]> = {
  draft: ['submitted', 'withdrawn'],
  submitted: ['pending_review', 'withdrawn', 'voided'],
  pending_review: ['first_approved', 'needs_more', 'approved', 'rejected', 'withdrawn', 'voided'],
  // Only when the bureau turns on two-level review: 初审 passed, waiting for 复审.
  first_approved: ['needs_more', 'approved', 'rejected', 'withdrawn', 'voided'],
  needs_more: ['pending_review', 'withdrawn', 'voided'],
  approved: ['awaiting_placement', 'voided'],
  rejected: ['voided'],
  awaiting_placement: ['admitted', 'coordinating'],
  admitted: ['reported'],
  coordinating: ['admitted'],
  reported: [],
  withdrawn: [],
  voided: [],
};

/**
 * Statuses that no longer hold the child: a withdrawn or voided registration keeps its history
 * (and stays visible to its family), but the child may be registered again. Every other status —
 * refusals included — holds the child's one active registration of the year.
 */
export const registrationReleasedStatuses: readonly RegistrationStatus[] = ['withdrawn', 'voided'];

/** Whether a registration in this status holds its child (see registrationReleasedStatuses). */
export function registrationHoldsChild(s: RegistrationStatus): boolean {
  return !registrationReleasedStatuses.includes(s);
}

/** Whether the machine allows going from one status to another. */
export function registrationTransitionAllowed(from: RegistrationStatus, to: RegistrationStatus): boolean {
  return transitions[from].includes(to);
}

/** Statuses from which nothing follows. */
export function registrationStatusFinal(s: RegistrationStatus): boolean {
  return transitions[s].length === 0;
}

/** Applying and not yet decided: the school's review is still to come or under way. */
export const registrationUnderReviewStatuses: readonly RegistrationStatus[] = [
  'submitted',
  'pending_review',
  'first_approved',
  'needs_more',
];

/** Applying and approved: waiting for the draw, placed, 统筹, or reported at school. */
export const registrationApprovedStatuses: readonly RegistrationStatus[] = [
  'approved',
  'awaiting_placement',
  'admitted',
  'coordinating',
  'reported',
];

/**
 * Registrations that count as applying to their school — every count of applicants (the
 * dashboard, the capacity page, the 本校 view, the exports' totals) uses this one set: not drafts,
 * refusals, withdrawals or voided ones. Under review and approved, nothing else.
 */
export const registrationApplyingStatuses: readonly RegistrationStatus[] = [
  ...registrationUnderReviewStatuses,
  ...registrationApprovedStatuses,
];

/** Whether a registration in this status counts as applying (registrationApplyingStatuses). */
export const registrationApplying = (s: RegistrationStatus): boolean =>
  registrationApplyingStatuses.includes(s);
