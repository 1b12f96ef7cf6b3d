/**
 * rotation: the county's 交流轮岗 on its real staff records. The bureau previews a plan (who is due
 * and why, schools' nominees first, who rotates where, the seven indicators — official and as
 * actually taught — and the teacher indicators' 差异系数 before and after), adjusts it by hand
 * with live rule checks, publishes it for 公示 (working days, the bureau's calendar), answers
 * objections (an upheld one takes the teacher off the plan) and, after the 公示, makes it final.
 * Teachers are told at each step (inbox; subscribe message when allowed). Principals nominate;
 * teachers read their notice, acknowledge, object during the 公示 and confirm 报到.
 */
import { fail, ok } from '../../shared/errors';
import {
  defaultRotationSettings,
  rotationSettingRules,
  rotationSettingsProblems,
  type RotationSettings,
} from '../../shared/rotation/eligibility';
import { issuesAdded, rotationIssueKey, rotationIssuesOfMoves } from '../../shared/rotation/problems';
import { publicityEnd } from '../../shared/rotation/publicity';
import type { RotationRecord } from '../../shared/rotation/record';
import { cstDateAddDays, cstDateOf } from '../../shared/time';
import { rotationContract } from '../../shared/api/rotation';
import { rotationPayloads, rotationRuleKeys } from '../../shared/api/rotationPayloads';
import { defineAction, type FunctionDef } from '../../server/runtime/define';
import { highsSolver } from '../../server/solver/highs';
import { noSettings, settingsLoad } from '../../server/app/common';
import { nominatedIds, rotationInputOf } from '../../shared/rotation/countyInput';
import {
  countyStaff,
  planOnCounty,
  recordNow,
  recordSave,
  recordView,
} from '../../server/app/rotationCounty';
import { teachersNotify } from './notify';
import { schoolActions } from './schoolActions';
import { teacherActions } from './teacherActions';
import { auditAppend } from '../../server/app/audit';

export const rotationFunction: FunctionDef = {
  name: 'rotation',
  actions: {
    /**
     * A plan on the current staff records with the bureau's hand adjustments applied, not saved
     * (the seed is recorded in the answer); `added` lists the rules the adjustments would break.
     */
    preview: defineAction(rotationContract.preview, rotationPayloads.preview, {
      roles: ['bureau'],
      async run(ctx, input) {
        const s = await settingsLoad(ctx);
        if (!s) return noSettings();
        // Once a plan is published it is the plan: a new preview could be adjusted but never saved.
        if (await ctx.store.getRotationRecord(String(s.enrollmentYear)))
          return fail(
            'INVALID_TRANSITION',
            '本年度交流轮岗方案已经公示，不能再生成新方案；公示中的方案和异议见本页。',
          );
        const p = await planOnCounty(ctx, input.seed, input.adjustments, await highsSolver());
        return 'code' in p ? p : ok(p);
      },
    }),

    /**
     * Saves the plan and opens its 公示 (working days from today); moved teachers are told at once.
     * Hand adjustments may not break a rule the computed plan keeps.
     */
    publish: defineAction(rotationContract.publish, rotationPayloads.publish, {
      roles: ['bureau'],
      async run(ctx, input) {
        const s = await settingsLoad(ctx);
        if (!s) return noSettings();
        const today = cstDateOf(ctx.now);
        const from = input.publicityFrom ?? today;
        if (from < today) return fail('INVALID_INPUT', '公示开始日期不能早于今天。');
        if (from > cstDateAddDays(today, 60)) return fail('INVALID_INPUT', '公示开始日期请选在60天以内。');
        const p = await planOnCounty(ctx, input.seed, input.adjustments, await highsSolver());
        if ('code' in p) return p;
        if (p.refused.length > 0) return fail('INVALID_INPUT', p.refused.join('；'));
        // A plan that breaks a rule is not published — unless the bureau acknowledged each broken
        // rule by name and wrote why; that override is kept with the plan and in the audit log.
        const broken = p.issues;
        if (broken.length > 0) {
          if (!input.override)
            return fail(
              'RULE_BROKEN',
              `方案有${broken.length}项不符合规定，不能公示：${broken.map((x) => x.text).join('；')}。如确需公示，请逐项确认并写明理由。`,
            );
          const want = new Set(broken.map(rotationIssueKey));
          const got = new Set(input.override.acknowledged);
          if (want.size !== got.size || [...want].some((k) => !got.has(k)))
            return fail(
              'RULE_BROKEN',
              '您确认的问题与当前方案的问题不一致（方案可能已变化），请刷新后逐项重新确认。',
            );
        }
        const override =
          broken.length > 0 && input.override
            ? {
                reason: input.override.reason,
                issues: broken,
                by: ctx.caller.openid,
                at: ctx.now.toISOString(),
              }
            : null;
        const record: RotationRecord = {
          id: String(p.year),
          year: p.year,
          status: 'publicized',
          seed: p.seed,
          algorithm: p.algorithm,
          settings: p.rules,
          adjustments: p.adjustments,
          moves: p.moves,
          publicity: { from, to: publicityEnd(from, s.rotationPublicityDays, s.workCalendar) },
          objections: [],
          acknowledged: {},
          reported: {},
          problems: p.problems,
          issues: p.issues,
          ...(override ? { override } : {}),
          version: 1,
          updatedAt: ctx.now.toISOString(),
        };
        if ((await ctx.store.saveRotationRecord(record, null)).status !== 'ok')
          return fail('INVALID_TRANSITION', '本年度交流轮岗方案已经公示，不能重新生成。');
        await auditAppend(
          ctx,
          'rotation.publish',
          `rotation:${record.id}`,
          {
            seed: record.seed,
            moves: record.moves.length,
            adjustments: record.adjustments,
            publicity: record.publicity,
            override: override
              ? { reason: override.reason, rules: override.issues.map((x) => x.text) }
              : null,
          },
          record.updatedAt,
        );
        await teachersNotify(
          ctx,
          record.moves.map((m) => ({
            teacherId: m.teacherId,
            name: m.name,
            title: '交流轮岗方案公示',
            body: `您拟由${m.fromName}交流到${m.toName}（${m.startMonth}至${m.endMonth}）。公示期${record.publicity.from}至${record.publicity.to}，如有异议请在公示期内提出。`,
          })),
        );
        return ok(record);
      },
    }),

    /**
     * The published plan as the bureau manages it: moves, objections with each teacher's name,
     * the override if rules were broken, and the seven indicators 当前 and 轮岗后 (the dashboard's
     * function and labels).
     */
    record: defineAction(rotationContract.record, rotationPayloads.record, {
      roles: ['bureau'],
      async run(ctx) {
        const s = await settingsLoad(ctx);
        if (!s) return noSettings();
        const rec = await ctx.store.getRotationRecord(String(s.enrollmentYear));
        return ok(rec ? await recordView(ctx, rec) : null);
      },
    }),

    /**
     * Answers a teacher's objection once; an upheld objection takes the teacher off the plan. If
     * that makes the plan break a rule it kept (a school's or the county's quota, the 骨干 share),
     * the officer is told which and must acknowledge them (`acknowledged`), as when publishing; the
     * findings are kept with the answer and the plan's list of problems.
     */
    answer: defineAction(rotationContract.answer, rotationPayloads.answer, {
      roles: ['bureau'],
      async run(ctx, input) {
        const cur = await recordNow(ctx);
        if ('code' in cur) return cur;
        const o = cur.objections.find((x) => x.teacherId === input.teacherId);
        if (!o) return fail('NOT_FOUND', '没有找到这条异议。');
        if (o.answer) return fail('INVALID_TRANSITION', '这条异议已经答复过了。');
        const moves = input.upheld ? cur.moves.filter((m) => m.teacherId !== input.teacherId) : cur.moves;
        let added: ReturnType<typeof issuesAdded> = [];
        let issues = cur.issues;
        if (moves !== cur.moves) {
          // Checked as the dashboard checks the published plan: today's staff, the plan's rules.
          const s = await settingsLoad(ctx);
          if (!s) return noSettings();
          const [staff, nominations] = await Promise.all([
            countyStaff(ctx),
            ctx.store.listRotationNominations(cur.year),
          ]);
          const inputOf = rotationInputOf(
            cur.year,
            cur.seed,
            staff.schools,
            staff.teachers,
            nominatedIds(nominations),
            cur.settings ?? s.rotation,
          );
          const after = rotationIssuesOfMoves(inputOf, moves);
          added = issuesAdded(rotationIssuesOfMoves(inputOf, cur.moves), after);
          if (added.length > 0 && !input.acknowledged)
            return fail(
              'RULE_BROKEN',
              `异议成立后，方案将新增${added.length}项不符合规定的问题：${added.map((x) => x.text).join('；')}。如仍认定异议成立，请确认这些问题后再答复（问题会随方案记录并公开）。`,
            );
          // Kept from publication: the planner's own finding about receiving places.
          issues = [...(cur.issues ?? []).filter((x) => x.code === 'NO_ROOM'), ...after];
        }
        const answer = {
          text: input.text,
          upheld: input.upheld,
          at: ctx.now.toISOString(),
          by: ctx.caller.openid,
          ...(added.length > 0 ? { addedIssues: added } : {}),
        };
        const saved = await recordSave(
          ctx,
          cur,
          'rotation.answer',
          {
            objections: cur.objections.map((x) =>
              x === o
                ? { ...x, name: x.name ?? cur.moves.find((m) => m.teacherId === x.teacherId)?.name, answer }
                : x,
            ),
            moves,
            ...(issues ? { issues, problems: issues.map((x) => x.text) } : {}),
          },
          {
            objection: input.teacherId,
            upheld: input.upheld,
            ...(added.length > 0 ? { acknowledgedRules: added.map((x) => x.text) } : {}),
          },
        );
        const m = cur.moves.find((x) => x.teacherId === input.teacherId);
        if (saved.ok && m)
          await teachersNotify(ctx, [
            {
              teacherId: m.teacherId,
              name: m.name,
              title: '交流轮岗异议答复',
              body: `${input.upheld ? '异议成立，您不再列入本年度交流方案' : '异议不成立，维持原交流安排'}：${input.text}`,
            },
          ]);
        return saved;
      },
    }),

    /** After the 公示 and with every objection answered, the plan becomes the final notice. */
    finalise: defineAction(rotationContract.finalise, rotationPayloads.finalise, {
      roles: ['bureau'],
      async run(ctx) {
        const cur = await recordNow(ctx);
        if ('code' in cur) return cur;
        if (cur.status === 'final') return fail('INVALID_TRANSITION', '方案已经正式发布。');
        if (cstDateOf(ctx.now) <= cur.publicity.to)
          return fail('INVALID_TRANSITION', `公示期至${cur.publicity.to}，公示结束后才能正式发布。`);
        if (cur.objections.some((o) => !o.answer))
          return fail('INVALID_TRANSITION', '还有未答复的异议，请先答复。');
        const saved = await recordSave(ctx, cur, 'rotation.finalise', { status: 'final' });
        if (saved.ok)
          await teachersNotify(
            ctx,
            cur.moves.map((m) => ({
              teacherId: m.teacherId,
              name: m.name,
              title: '交流轮岗正式通知',
              body: `请于${m.startMonth}-01到${m.toName}报到，交流期${m.startMonth}至${m.endMonth}，人事关系不变。`,
            })),
          );
        return saved;
      },
    }),

    /** The county's rotation rules, the policy defaults beside them, and whether they may change. */
    rules: defineAction(rotationContract.rules, rotationPayloads.rules, {
      roles: ['bureau'],
      async run(ctx) {
        const s = await settingsLoad(ctx);
        if (!s) return noSettings();
        const published = (await ctx.store.getRotationRecord(String(s.enrollmentYear))) !== null;
        return ok({
          year: s.enrollmentYear,
          rules: s.rotation,
          defaults: defaultRotationSettings,
          locked: published,
        });
      },
    }),

    /**
     * The bureau sets the rotation rules (tenure, exemption ages, quota, 骨干 share, duration),
     * shares in per cent. Refused once this year's plan is published: the plan, the teachers'
     * standing and every later check must follow the rules it was made under.
     */
    setRules: defineAction(rotationContract.setRules, rotationPayloads.setRules, {
      roles: ['bureau'],
      async run(ctx, input) {
        const s = await settingsLoad(ctx);
        if (!s) return noSettings();
        if ((await ctx.store.getRotationRecord(String(s.enrollmentYear))) !== null)
          return fail('INVALID_TRANSITION', '本年度交流方案已经公示，交流规则不能再修改。');
        const rules = Object.fromEntries(
          rotationRuleKeys.map((k) => [k, rotationSettingRules[k].unit === '%' ? input[k] / 100 : input[k]]),
        ) as unknown as RotationSettings;
        const problems = rotationSettingsProblems(rules);
        if (problems.length > 0) return fail('INVALID_INPUT', `${problems.join('；')}。`);
        await ctx.store.putSettings({ ...s, rotation: rules });
        await auditAppend(ctx, 'settings.rotation', 'settings:policy', { from: s.rotation, to: rules });
        return ok({ year: s.enrollmentYear, rules, defaults: defaultRotationSettings, locked: false });
      },
    }),

    ...teacherActions,
    ...schoolActions,
  },
};
