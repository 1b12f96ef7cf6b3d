/**
 * A school's capacity against its applicants: seats (entry classes × the stage's cap) and, per
 * tier, how many registrations are under review and how many are approved. The principal sees
 * their school; the bureau any school.
 */
import { asSchoolId } from '../../shared/brand';
import { fail, ok } from '../../shared/errors';
import type { RegistrationStatus } from '../../shared/registration/status';
import { registrationContract } from '../../shared/api/registration';
import { registrationPayloads } from '../../shared/api/registrationPayloads';
import { defineAction } from '../../server/runtime/define';
import { schoolInReach } from '../../server/security/reach';
import { noSettings, settingsLoad } from '../../server/app/common';

const underReview: readonly RegistrationStatus[] = [
  'submitted',
  'pending_review',
  'first_approved',
  'needs_more',
];
const admittedOrApproved: readonly RegistrationStatus[] = [
  'approved',
  'awaiting_placement',
  'admitted',
  'coordinating',
  'reported',
];

export const capacityActions = {
  capacity: defineAction(registrationContract.capacity, registrationPayloads.capacity, {
    roles: ['principal', 'reviewer', 'bureau'],
    async run(ctx, input) {
      const schoolId = schoolInReach(ctx.caller, input.schoolId);
      if (typeof schoolId !== 'string') return schoolId;
      const [school, s] = await Promise.all([ctx.store.getSchool(asSchoolId(schoolId)), settingsLoad(ctx)]);
      if (!school) return fail('NOT_FOUND', '没有找到该学校。');
      if (!s) return noSettings();
      const counts = await ctx.store.countByTierStatus(school.id, s.enrollmentYear);
      const sum = (tier: number, statuses: readonly RegistrationStatus[]) =>
        counts.filter((c) => c.tier === tier && statuses.includes(c.status)).reduce((a, c) => a + c.count, 0);
      const cap = s.classCap[school.stage];
      const tiers = [
        ...s.tiers.map((t) => ({ tier: t.tier, label: t.label })),
        { tier: 0, label: '统筹' },
      ].map((t) => ({
        ...t,
        underReview: sum(t.tier, underReview),
        approved: sum(t.tier, admittedOrApproved),
      }));
      return ok({
        schoolId: school.id,
        schoolName: school.name,
        stage: school.stage,
        year: s.enrollmentYear,
        entryClasses: school.entryClasses,
        cap,
        seats: school.entryClasses * cap,
        tiers,
        applicants: tiers.reduce((a, t) => a + t.underReview + t.approved, 0),
      });
    },
  }),
};
