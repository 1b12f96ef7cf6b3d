import {
  registrationHoldsChild,
  registrationStatuses,
  registrationStatusFinal,
  registrationStatusLabels,
  registrationTransitionAllowed,
} from '../../shared/registration/status';

describe('registration status machine', () => {
  test('the journey of PRODUCT.md is allowed step by step', () => {
    const path = [
      'draft',
      'submitted',
      'pending_review',
      'needs_more',
      'pending_review',
      'approved',
      'awaiting_placement',
      'coordinating',
      'admitted',
      'reported',
    ] as const;
    for (let i = 1; i < path.length; i++)
      expect(registrationTransitionAllowed(path[i - 1]!, path[i]!)).toBe(true);
  });

  test('withdrawal is allowed until approval and not after', () => {
    for (const s of ['draft', 'submitted', 'pending_review', 'needs_more'] as const) {
      expect(registrationTransitionAllowed(s, 'withdrawn')).toBe(true);
    }
    for (const s of ['approved', 'awaiting_placement', 'admitted', 'rejected'] as const) {
      expect(registrationTransitionAllowed(s, 'withdrawn')).toBe(false);
    }
  });

  test('a registration can be voided (作废) until the list is frozen, and then holds the child no more', () => {
    for (const s of [
      'submitted',
      'pending_review',
      'first_approved',
      'needs_more',
      'approved',
      'rejected',
    ] as const)
      expect(registrationTransitionAllowed(s, 'voided')).toBe(true);
    for (const s of ['awaiting_placement', 'admitted', 'coordinating', 'reported', 'withdrawn'] as const)
      expect(registrationTransitionAllowed(s, 'voided')).toBe(false);
    expect(registrationStatuses.filter((s) => !registrationHoldsChild(s))).toEqual(['withdrawn', 'voided']);
  });

  test('no status can be skipped to a placement result', () => {
    expect(registrationTransitionAllowed('pending_review', 'admitted')).toBe(false);
    expect(registrationTransitionAllowed('rejected', 'approved')).toBe(false);
  });

  test('final statuses, and every status has a Chinese label', () => {
    expect(registrationStatuses.filter(registrationStatusFinal)).toEqual(['reported', 'withdrawn', 'voided']);
    for (const s of registrationStatuses) expect(registrationStatusLabels[s]).toMatch(/[\u4e00-\u9fa5]/);
  });
});
