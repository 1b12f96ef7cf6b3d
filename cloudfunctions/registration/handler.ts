/**
 * registration: a family drafts, submits, fixes and follows a registration; the school reviews.
 * Thin shell: identity (already resolved) → validate → shared rules → store → envelope.
 */
import { asRegistrationId, type OpenId } from '../../shared/brand';
import { fail, ok } from '../../shared/errors';
import { documentSlots } from '../../shared/registration/documents';
import { registrationView } from '../../shared/registration/view';
import { lateApprovalStatuses } from '../../shared/registration/guidance';
import { finalRunIdOf } from '../../shared/placement/ids';
import { ageCutoffDate } from '../../shared/settings';
import { cstDateLabel, cstDateOf } from '../../shared/time';
import { registrationContract } from '../../shared/api/registration';
import { registrationPayloads } from '../../shared/api/registrationPayloads';
import { defineAction, type FunctionDef } from '../../server/runtime/define';
import { registrationInReach } from '../../server/security/reach';
import { anyQueue } from '../../server/store/port';
import { capacityActions } from './capacity';
import { noSettings, schoolNameOf, settingsLoad } from '../../server/app/common';
import { documentActions } from './documents';
import { reviewActions } from './reviewActions';
import { familyActions } from './familyActions';
import { retentionActions } from './retention';
import { admissionActions } from './admissionActions';
import { guidanceActions } from './guidanceActions';

const PAGE = 20;

export const registrationFunction: FunctionDef = {
  name: 'registration',
  actions: {
    context: defineAction(registrationContract.context, registrationPayloads.context, {
      roles: ['parent'],
      async run(ctx) {
        const settings = await settingsLoad(ctx);
        if (!settings) return noSettings();
        const today = cstDateOf(ctx.now);
        const [zones, schools] = await Promise.all([ctx.store.listZones(), ctx.store.listSchools()]);
        const names = new Map(schools.map((s) => [s.id, s.name]));
        return ok({
          settings,
          today,
          cutoffLabel: cstDateLabel(ageCutoffDate(settings)),
          windowLabel: `${cstDateLabel(settings.registrationOpens)}至${cstDateLabel(settings.registrationCloses)}`,
          windowOpen: today >= settings.registrationOpens && today <= settings.registrationCloses,
          subscribeTemplateId: ctx.config.subscribeTemplateId,
          zones: zones.map((z) => ({
            id: z.id,
            name: z.name,
            stage: z.stage,
            communities: z.communities,
            schools: z.schoolIds.map((id) => ({ id, name: names.get(id) ?? id })),
          })),
          schools: schools.map((s) => ({ id: s.id, name: s.name, stage: s.stage })),
          documentSlots: documentSlots.map((s) => ({ key: s.key, label: s.label, example: s.example })),
        });
      },
    }),

    saveDraft: defineAction(registrationContract.saveDraft, registrationPayloads.saveDraft, {
      roles: ['parent'],
      async run({ store, caller, now }, input) {
        // Documents already attached stay (the store keeps them in the same write).
        await store.saveDraftForm(caller.openid, input.draftId, input.form, now.toISOString());
        return ok({ savedAt: now.toISOString() });
      },
    }),

    getDraft: defineAction(registrationContract.getDraft, registrationPayloads.getDraft, {
      roles: ['parent'],
      async run({ store, caller }, input) {
        const d = await store.getDraft(caller.openid, input.draftId);
        return d ? ok(d) : fail('NOT_FOUND', '没有找到这份草稿。');
      },
    }),

    listMine: defineAction(registrationContract.listMine, registrationPayloads.listMine, {
      roles: ['parent'],
      async run(ctx, input) {
        const page = await ctx.store.listRegistrationsByOwner(ctx.caller.openid, {
          offset: input.offset,
          limit: PAGE,
        });
        const names = new Map((await ctx.store.listSchools()).map((s) => [s.id as string, s.name]));
        return ok({
          items: page.items.map((r) => registrationView(r, names.get(r.schoolId) ?? '', true)),
          next: page.next,
        });
      },
    }),

    get: defineAction(registrationContract.get, registrationPayloads.get, {
      roles: ['parent', 'principal', 'reviewer', 'bureau'],
      async run(ctx, input) {
        const r = await ctx.store.getRegistration(asRegistrationId(input.id));
        // A registration the caller may not see answers exactly like a missing one.
        if (!r || !registrationInReach(ctx.caller, r)) return fail('NOT_FOUND');
        const family = ctx.caller.role === 'parent';
        // A school approving after its stage's draw was published is told so before it confirms
        // (the child takes no part in the draw; the bureau places it by 统筹).
        const waiting =
          !family && !r.placement && (lateApprovalStatuses as readonly string[]).includes(r.status);
        const draw = waiting ? await ctx.store.getPlacementRunHead(finalRunIdOf(r.year, r.stage)) : null;
        return ok({
          ...registrationView(r, await schoolNameOf(ctx, r.schoolId), family),
          drawPublishedOn: draw?.publishedAt ? cstDateLabel(cstDateOf(new Date(draw.publishedAt))) : null,
        });
      },
    }),

    queue: defineAction(registrationContract.queue, registrationPayloads.queue, {
      roles: ['principal', 'reviewer'],
      async run(ctx, input) {
        const schoolId = ctx.caller.binding?.schoolId;
        if (!schoolId) return fail('FORBIDDEN', '您的账号未关联学校。');
        const search = input.search?.trim() ? input.search.trim() : null;
        const filter = {
          ...anyQueue,
          status: input.status,
          tier: input.tier,
          flag: input.flag,
          route: input.route,
          search,
        };
        const [page, total, name] = await Promise.all([
          ctx.store.listSchoolQueue(schoolId, filter, { offset: input.offset, limit: PAGE }),
          ctx.store.countSchoolQueue(schoolId, filter),
          schoolNameOf(ctx, schoolId),
        ]);
        return ok({
          schoolName: name,
          items: page.items.map((r) => registrationView(r, name, false)),
          next: page.next,
          total,
          pageSize: PAGE,
        });
      },
    }),

    /**
     * Records the user's answer to a subscribe-message request (made from a tap in WeChat): an
     * acceptance allows one more message. The template is the deployment's, never the client's.
     */
    subscribe: defineAction(registrationContract.subscribe, registrationPayloads.subscribe, {
      roles: ['parent'],
      async run({ store, caller, config }, input) {
        const template = config.subscribeTemplateId;
        if (!template) return ok({ enabled: false, quota: 0 });
        const quota = input.accepted ? await store.subscriptionGrant(caller.openid, template) : 0;
        return ok({ enabled: true, quota });
      },
    }),

    notices: defineAction(registrationContract.notices, registrationPayloads.notices, {
      roles: ['parent', 'teacher', 'reviewer', 'principal', 'bureau'],
      async run({ store, caller }, input) {
        const page = await store.listNotices(caller.openid as OpenId, { offset: input.offset, limit: PAGE });
        return ok(page);
      },
    }),

    ...familyActions,
    ...retentionActions,
    ...admissionActions,
    ...guidanceActions,
    ...reviewActions,
    ...documentActions,
    ...capacityActions,
  },
};
