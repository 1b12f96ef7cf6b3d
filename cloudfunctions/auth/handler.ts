/** auth: who am I, staff invite codes (create as bureau, redeem once to bind a role). */
import { asOpenId, asSchoolId, asTeacherId } from '../../shared/brand';
import { fail, ok } from '../../shared/errors';
import { inviteCodeValid, roleLabels, roles, type Binding, type Invite } from '../../shared/identity/roles';
import { authContract } from '../../shared/api/auth';
import { authPayloads } from '../../shared/api/authPayloads';
import { defineAction, type FunctionDef } from '../../server/runtime/define';
import { inviteCodeNew } from '../../server/runtime/inviteCode';
import { auditAppend } from '../../server/app/audit';

const DAY_MS = 24 * 60 * 60 * 1000;

const redeemFailures = {
  not_found: 'INVITE_INVALID',
  used: 'INVITE_USED',
  expired: 'INVITE_EXPIRED',
} as const;

export const authFunction: FunctionDef = {
  name: 'auth',
  actions: {
    whoami: defineAction(authContract.whoami, authPayloads.whoami, {
      roles,
      async run({ store, caller }) {
        const schoolId = caller.binding?.schoolId ?? null;
        const school = schoolId ? await store.getSchool(schoolId) : null;
        return ok({
          role: caller.role,
          roleLabel: roleLabels[caller.role],
          displayName: caller.binding?.displayName ?? roleLabels[caller.role],
          schoolId,
          schoolName: school?.name ?? null,
          teacherId: caller.binding?.teacherId ?? null,
        });
      },
    }),

    createInvite: defineAction(authContract.createInvite, authPayloads.createInvite, {
      roles: ['bureau'],
      async run({ store, caller, now }, input) {
        if (input.role !== 'bureau') {
          if (!input.schoolId) return fail('INVALID_INPUT', '教职工邀请码须指定学校。');
          if (!(await store.getSchool(asSchoolId(input.schoolId)))) {
            return fail('NOT_FOUND', '没有找到该学校。');
          }
        }
        if (input.teacherId) {
          const t = await store.getTeacher(asTeacherId(input.teacherId));
          if (!t || t.schoolId !== input.schoolId) {
            return fail('NOT_FOUND', '没有找到该校的这位教师。');
          }
        }
        const expiresAt = new Date(now.getTime() + input.validDays * DAY_MS).toISOString();
        for (let attempt = 0; attempt < 3; attempt++) {
          const invite: Invite = {
            code: inviteCodeNew(),
            role: input.role,
            schoolId: input.role === 'bureau' || !input.schoolId ? null : asSchoolId(input.schoolId),
            teacherId: input.teacherId ? asTeacherId(input.teacherId) : null,
            displayName: input.displayName.trim(),
            createdBy: caller.openid,
            createdAt: now.toISOString(),
            expiresAt,
            usedBy: null,
            usedAt: null,
          };
          if ((await store.createInvite(invite)).status === 'created') {
            await auditAppend({ store, caller, now }, 'invite.create', `invite:${invite.code}`, {
              role: invite.role,
              schoolId: invite.schoolId,
              expiresAt,
            });
            return ok({ code: invite.code, expiresAt });
          }
        }
        return fail('INTERNAL');
      },
    }),

    redeemInvite: defineAction(authContract.redeemInvite, authPayloads.redeemInvite, {
      roles,
      async run({ store, caller, now }, input) {
        if (caller.binding || caller.role !== 'parent') return fail('ALREADY_BOUND');
        const code = input.code.trim().toUpperCase();
        if (!inviteCodeValid(code)) return fail('INVITE_INVALID', '邀请码应为10位字母或数字。');
        const res = await store.redeemInvite(code, caller.openid, now);
        if (res.status !== 'redeemed') return fail(redeemFailures[res.status]);
        const inv = res.invite;
        const binding: Binding = {
          openid: asOpenId(caller.openid),
          role: inv.role,
          schoolId: inv.schoolId,
          teacherId: inv.teacherId,
          displayName: inv.displayName,
          createdAt: now.toISOString(),
          via: 'invite',
        };
        if ((await store.createBinding(binding)).status === 'duplicate') return fail('ALREADY_BOUND');
        await auditAppend({ store, caller, now }, 'invite.redeem', `invite:${code}`, {
          role: inv.role,
          schoolId: inv.schoolId,
        });
        return ok({ role: inv.role, roleLabel: roleLabels[inv.role], displayName: inv.displayName });
      },
    }),
  },
};
