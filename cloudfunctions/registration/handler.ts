/**
 * registration: a parent submits and follows a registration; the school reviews it.
 * Thin shell: identity (already resolved) → validate → shared rules → store → envelope.
 */
import * as z from 'zod';
import { asRegistrationId, asSchoolId, type SchoolId } from '../../shared/brand';
import { fail, ok } from '../../shared/errors';
import type { Caller } from '../../shared/identity/roles';
import { registrationStatuses, registrationTransitionAllowed } from '../../shared/registration/status';
import type { Actor, Registration, StatusChange } from '../../shared/registration/types';
import { registrationDraftCheck } from '../../shared/registration/validate';
import { ageCutoffDate } from '../../shared/settings';
import { cstDateLabel, cstDateOf } from '../../shared/time';
import { defineAction, type FunctionDef } from '../../server/runtime/define';
import { text } from '../../server/runtime/payload';
import type { Store } from '../../server/store/port';
import { registrationKey } from './key';
import { registrationView } from '../../shared/registration/view';

const PAGE = 20;
const actorOf = (c: Caller): Actor => ({ kind: 'user', openid: c.openid, role: c.role });

async function schoolNames(store: Store): Promise<Map<SchoolId, string>> {
  return new Map((await store.listSchools()).map((s) => [s.id, s.name]));
}

/** May this caller see this registration? The family, its school's staff, the bureau. */
function canSee(c: Caller, r: Registration): boolean {
  if (c.role === 'parent') return r.ownerOpenid === c.openid;
  if (c.role === 'principal') return c.binding?.schoolId === r.schoolId;
  return c.role === 'bureau';
}

export const registrationFunction: FunctionDef = {
  name: 'registration',
  actions: {
    context: defineAction({
      roles: ['parent'],
      input: z.object({}).strict(),
      async run({ store, now }) {
        const settings = await store.getSettings();
        if (!settings) return fail('NOT_FOUND', '教育局尚未设置本年度招生政策。');
        const today = cstDateOf(now);
        const [zones, schools] = await Promise.all([store.listZones(), store.listSchools()]);
        const names = new Map(schools.map((s) => [s.id, s.name]));
        return ok({
          settings,
          cutoffLabel: cstDateLabel(ageCutoffDate(settings)),
          windowLabel: `${cstDateLabel(settings.registrationOpens)}至${cstDateLabel(settings.registrationCloses)}`,
          windowOpen: today >= settings.registrationOpens && today <= settings.registrationCloses,
          zones: zones.map((z) => ({
            id: z.id,
            name: z.name,
            stage: z.stage,
            communities: z.communities,
            schools: z.schoolIds.map((id) => ({ id, name: names.get(id) ?? id })),
          })),
        });
      },
    }),

    submit: defineAction({
      roles: ['parent'],
      input: z
        .object({
          stage: z.enum(['primary', 'junior']),
          schoolId: text(40),
          childName: text(40),
          idNumber: text(40),
        })
        .strict(),
      async run({ store, caller, now }, input) {
        const settings = await store.getSettings();
        if (!settings) return fail('NOT_FOUND', '教育局尚未设置本年度招生政策。');
        const today = cstDateOf(now);
        if (today < settings.registrationOpens || today > settings.registrationCloses) {
          return fail(
            'OUT_OF_WINDOW',
            `报名时间为${cstDateLabel(settings.registrationOpens)}至${cstDateLabel(settings.registrationCloses)}，当前不在报名时间内。`,
          );
        }
        const check = registrationDraftCheck(input, settings);
        if (check.status === 'invalid') {
          const first = check.problems[0];
          return first ? fail(first.code, first.message) : fail('INVALID_INPUT');
        }
        const school = await store.getSchool(asSchoolId(input.schoolId));
        if (!school || school.stage !== input.stage) {
          return fail('INVALID_INPUT', '所选学校不是该学段的学区学校，请重新选择。');
        }
        const at = now.toISOString();
        const by = actorOf(caller);
        const registration: Registration = {
          id: registrationKey(check.idNumber, settings.enrollmentYear),
          year: settings.enrollmentYear,
          stage: input.stage,
          ownerOpenid: caller.openid,
          schoolId: school.id,
          childName: input.childName.trim(),
          idNumber: check.idNumber,
          birthDate: check.birthDate,
          gender: check.gender,
          status: 'pending_review',
          version: 1,
          createdAt: at,
          updatedAt: at,
          // Submitted and routed to the school's queue in one write: no half state is stored.
          history: [
            { from: null, to: 'submitted', at, by, reason: null },
            {
              from: 'submitted',
              to: 'pending_review',
              at,
              by: { kind: 'system' },
              reason: `已进入${school.name}审核队列`,
            },
          ],
        };
        const created = await store.createRegistration(registration);
        if (created.status === 'duplicate') {
          return fail(
            'DUPLICATE_REGISTRATION',
            '该儿童本年度已经报名，不能重复报名。如需修改，请在“我的报名”中查看。',
          );
        }
        await store.appendAudit({
          at,
          actor: caller.openid,
          action: 'registration.submit',
          entity: `registration:${registration.id}`,
          detail: { schoolId: school.id, stage: input.stage },
        });
        return ok(registrationView(registration, school.name, true));
      },
    }),

    listMine: defineAction({
      roles: ['parent'],
      input: z.object({ offset: z.number().int().min(0).max(10_000).default(0) }).strict(),
      async run({ store, caller }, input) {
        const page = await store.listRegistrationsByOwner(caller.openid, {
          offset: input.offset,
          limit: PAGE,
        });
        const names = await schoolNames(store);
        return ok({
          items: page.items.map((r) => registrationView(r, names.get(r.schoolId) ?? '', true)),
          next: page.next,
        });
      },
    }),

    get: defineAction({
      roles: ['parent', 'principal', 'bureau'],
      input: z.object({ id: text(64) }).strict(),
      async run({ store, caller }, input) {
        const r = await store.getRegistration(asRegistrationId(input.id));
        // A registration the caller may not see answers exactly like a missing one.
        if (!r || !canSee(caller, r)) return fail('NOT_FOUND');
        const school = await store.getSchool(r.schoolId);
        return ok(registrationView(r, school?.name ?? '', caller.role === 'parent'));
      },
    }),

    queue: defineAction({
      roles: ['principal'],
      input: z
        .object({
          status: z.enum(registrationStatuses).nullable().default('pending_review'),
          offset: z.number().int().min(0).max(100_000).default(0),
        })
        .strict(),
      async run({ store, caller }, input) {
        const schoolId = caller.binding?.schoolId;
        if (!schoolId) return fail('FORBIDDEN', '您的账号未关联学校。');
        const [page, school] = await Promise.all([
          store.listSchoolQueue(schoolId, input.status, { offset: input.offset, limit: PAGE }),
          store.getSchool(schoolId),
        ]);
        return ok({
          schoolName: school?.name ?? '',
          items: page.items.map((r) => registrationView(r, school?.name ?? '', false)),
          next: page.next,
        });
      },
    }),

    review: defineAction({
      roles: ['principal'],
      input: z
        .object({
          id: text(64),
          version: z.number().int().min(1),
          decision: z.enum(['approve', 'reject']),
          reason: text(200).default(''),
        })
        .strict(),
      async run({ store, caller, now }, input) {
        const r = await store.getRegistration(asRegistrationId(input.id));
        if (!r || caller.binding?.schoolId !== r.schoolId) return fail('NOT_FOUND');
        const to = input.decision === 'approve' ? 'approved' : 'rejected';
        const reason = input.reason.trim();
        if (to === 'rejected' && reason.length === 0) {
          return fail('INVALID_INPUT', '不通过时须填写原因，家长会看到这段文字。');
        }
        if (!registrationTransitionAllowed(r.status, to)) return fail('INVALID_TRANSITION');
        const change: StatusChange = {
          from: r.status,
          to,
          at: now.toISOString(),
          by: actorOf(caller),
          reason: reason.length > 0 ? reason : to === 'approved' ? '材料齐全，审核通过' : null,
        };
        const res = await store.transitionRegistration(r.id, input.version, change);
        if (res.status === 'not_found') return fail('NOT_FOUND');
        if (res.status === 'stale') return fail('STALE_VERSION');
        await store.appendAudit({
          at: change.at,
          actor: caller.openid,
          action: `registration.${input.decision}`,
          entity: `registration:${r.id}`,
          detail: { from: r.status, to, reason: change.reason, version: res.registration.version },
        });
        const school = await store.getSchool(r.schoolId);
        return ok(registrationView(res.registration, school?.name ?? '', false));
      },
    }),
  },
};
