/**
 * A school's capacity against its applicants (figures from shared/county/figures.ts): seats and, per
 * tier, how many registrations are under review and how many are approved. The principal sees
 * their school; the bureau any school.
 */
import { asSchoolId } from '../../shared/brand';
import { fail, ok } from '../../shared/errors';
import { capacityFigures } from '../../shared/county/figures';
import { registrationContract } from '../../shared/api/registration';
import { registrationPayloads } from '../../shared/api/registrationPayloads';
import { defineAction } from '../../server/runtime/define';
import { schoolInReach } from '../../server/security/reach';
import { noSettings, settingsLoad } from '../../server/app/common';

export const capacityActions = {
  capacity: defineAction(registrationContract.capacity, registrationPayloads.capacity, {
    roles: ['principal', 'reviewer', 'bureau'],
    async run(ctx, input) {
      const schoolId = schoolInReach(ctx.caller, input.schoolId);
      if (typeof schoolId !== 'string') return schoolId;
      const [school, s] = await Promise.all([ctx.store.getSchool(asSchoolId(schoolId)), settingsLoad(ctx)]);
      if (!school) return fail('NOT_FOUND', '没有找到该学校。');
      if (!s) return noSettings();
      return ok(capacityFigures(school, s, await ctx.store.countByTierStatus(school.id, s.enrollmentYear)));
    },
  }),
};
