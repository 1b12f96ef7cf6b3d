/**
 * placement (bureau): freeze the approved applicants of a stage and publish the list's hash →
 * run the draw with the seed made in public (dry runs allowed; the formal run happens once) →
 * publish: every child becomes 已录取 at a school or 统筹中, with how it was decided, and the
 * family is told.
 */
import { historyActorOf, historyEntry } from '../../shared/registration/history';
import { freezeIdOf } from '../../shared/placement/ids';
import { fail, ok } from '../../shared/errors';
import { canonicalHash } from '../../shared/placement/canonical';
import { placementInputBuild } from '../../shared/placement/fromRegistrations';
import { placementRun } from '../../shared/placement/run';
import { coordinationAssign } from '../../shared/placement/coordination';
import type { PlacementInput, PlacementResult } from '../../shared/placement/types';
import type { School } from '../../shared/county/types';
import type { RegistrationId } from '../../shared/brand';
import type { PlacementOutcome } from '../../shared/registration/types';
import { cstDateLabel } from '../../shared/time';
import { placementContract } from '../../shared/api/placement';
import { placementPayloads } from '../../shared/api/placementPayloads';
import type { FnContext } from '../../server/runtime/context';
import { defineAction, type FunctionDef } from '../../server/runtime/define';
import { downloadOf } from '../../server/runtime/files';
import { noticeIdFor } from '../../server/runtime/ids';
import type { PlacementFreeze, PlacementRunRecord } from '../../server/store/port';
import { noSettings, settingsLoad } from '../../server/app/common';
import { noticesSend } from '../../server/app/derive';
import { appealActions } from './appeals';
import { arrangeActions } from './arrange';
import { auditAppend } from '../../server/app/audit';

/**
 * Registrations published per call: a county's 100,000 results go out in steps (each well within
 * the function's 60 s: the changes and the families' notices are written many at a time), and the
 * bureau's page calls again until the last step marks the run published.
 */
export const PUBLISH_STEP = 2000;

/**
 * How many children a page lists by name: a county draw can leave thousands without a seat, and a
 * function's answer is capped at 1 MB; the full list is in the run record the bureau downloads.
 */
const LISTED = 200;

/** Names for a run's summary: schools by id, children by registration id. */
interface Names {
  readonly schools: ReadonlyMap<string, string>;
  readonly children: Readonly<Record<string, string>>;
}

/**
 * The bureau's names for a draw: schools, and the children of the frozen list (the freeze keeps
 * them; for a freeze made before it did, the listed children are read).
 */
async function namesOf(
  ctx: FnContext,
  freeze: PlacementFreeze,
  schools: readonly School[],
  listed: readonly string[],
): Promise<Names> {
  let children = freeze.names;
  if (!children) {
    const found = await ctx.store.getRegistrations(listed as RegistrationId[]);
    children = Object.fromEntries(found.map((r) => [r.id as string, r.childName]));
  }
  return { schools: new Map(schools.map((x) => [x.id as string, x.name])), children };
}

/** The children a summary lists by name (those without a seat, the first LISTED). */
const listedOf = (result: PlacementResult) =>
  Object.entries(result.assignment)
    .filter(([, s]) => s === null)
    .slice(0, LISTED)
    .map(([id]) => id);

function summary(result: PlacementResult, coordination: PlacementRunRecord['coordination'], names: Names) {
  const unplaced = Object.entries(result.assignment)
    .filter(([, s]) => s === null)
    .map(([id]) => id);
  return {
    runRecord: result.runRecord,
    // Schools and children by name, as the bureau knows them (codes stay in the run record).
    schools: Object.entries(result.cutoffs).map(([id, c]) => ({
      id,
      name: names.schools.get(id) ?? id,
      ...c,
    })),
    placed: Object.keys(result.assignment).length - unplaced.length,
    unplacedCount: unplaced.length,
    unplaced: unplaced.slice(0, LISTED),
    coordination: unplaced.slice(0, LISTED).map((id) => {
      const co = coordination[id] ?? { schoolId: null, distanceKm: null };
      return {
        id,
        name: names.children[id] ?? '',
        lottery: result.lottery[id] ?? 0,
        ...co,
        schoolName: co.schoolId ? (names.schools.get(co.schoolId) ?? co.schoolId) : null,
      };
    }),
  };
}

/** A JSON record for auditors (`npx junheng verify-draw`), as a file: too big for an answer. */
const jsonFile = (ctx: FnContext, fileName: string, value: unknown) =>
  downloadOf(ctx, fileName, Buffer.from(JSON.stringify(value, null, 2), 'utf8'));

/** 统筹 for a run: nearest school of the stage with seats left, from the child's chosen school. */
function coordinationFor(input: PlacementInput, result: PlacementResult, schools: readonly School[]) {
  const located = new Map(
    schools.filter((s) => s.location).map((s) => [s.id as string, s.location as { x: number; y: number }]),
  );
  const children = input.students
    .filter((s) => result.assignment[s.id] === null)
    .map((s) => ({ id: s.id, lottery: result.lottery[s.id] ?? 0, fromSchoolId: s.preferences[0] ?? '' }));
  const targets = input.schools
    .filter((s) => located.has(s.id))
    .map((s) => ({
      id: s.id,
      ...(located.get(s.id) as { x: number; y: number }),
      spare: s.capacity - (result.cutoffs[s.id]?.admitted ?? 0),
    }));
  return Object.fromEntries(coordinationAssign(children, targets));
}

export const placementFunction: FunctionDef = {
  name: 'placement',
  actions: {
    status: defineAction(placementContract.status, placementPayloads.status, {
      roles: ['bureau'],
      async run(ctx, input) {
        const s = await settingsLoad(ctx);
        if (!s) return noSettings();
        const id = freezeIdOf(s.enrollmentYear, input.stage);
        const [freeze, final, approved, schools] = await Promise.all([
          ctx.store.getFreeze(id),
          ctx.store.getPlacementRun(`${id}:final`),
          ctx.store.countRegistrations(s.enrollmentYear, input.stage, 'approved'),
          ctx.store.listSchools(),
        ]);
        const names = final && freeze ? await namesOf(ctx, freeze, schools, listedOf(final.result)) : null;
        return ok({
          year: s.enrollmentYear,
          approved,
          freeze: freeze
            ? { id: freeze.id, frozenAt: freeze.frozenAt, inputHash: freeze.inputHash, count: freeze.count }
            : null,
          final:
            final && names
              ? {
                  ...summary(final.result, final.coordination, names),
                  id: final.id,
                  at: final.at,
                  publishedAt: final.publishedAt,
                }
              : null,
        });
      },
    }),

    /** The frozen list exactly as hashed (for auditors: `npx junheng verify-draw --input`), at any time. */
    frozenList: defineAction(placementContract.frozenList, placementPayloads.frozenList, {
      roles: ['bureau'],
      async run(ctx, input) {
        const s = await settingsLoad(ctx);
        if (!s) return noSettings();
        const freeze = await ctx.store.getFreeze(freezeIdOf(s.enrollmentYear, input.stage));
        if (!freeze) return fail('NOT_FOUND', '本学段的报名名单还没有冻结。');
        return ok(await jsonFile(ctx, `frozen-${input.stage}.json`, freeze.input));
      },
    }),

    /** The formal run's full record (for auditors: `npx junheng verify-draw`), at any time. */
    finalRun: defineAction(placementContract.finalRun, placementPayloads.finalRun, {
      roles: ['bureau'],
      async run(ctx, input) {
        const s = await settingsLoad(ctx);
        if (!s) return noSettings();
        const run = await ctx.store.getPlacementRun(`${freezeIdOf(s.enrollmentYear, input.stage)}:final`);
        if (!run) return fail('NOT_FOUND', '还没有正式派位结果。');
        return ok(await jsonFile(ctx, `run-${input.stage}.json`, run.result));
      },
    }),

    freeze: defineAction(placementContract.freeze, placementPayloads.freeze, {
      roles: ['bureau'],
      async run(ctx, input) {
        const s = await settingsLoad(ctx);
        if (!s) return noSettings();
        // Summaries only (100,000 children's forms and documents would not fit the function).
        const approved = await ctx.store.registrationSummaries(s.enrollmentYear, {
          stage: input.stage,
          status: 'approved',
        });
        if (approved.length === 0) return fail('INVALID_TRANSITION', '没有审核通过的报名，无法冻结名单。');
        const [schools, zones] = await Promise.all([ctx.store.listSchools(), ctx.store.listZones()]);
        const built = placementInputBuild(approved, schools, zones, s, input.stage);
        const freeze = {
          id: freezeIdOf(s.enrollmentYear, input.stage),
          year: s.enrollmentYear,
          stage: input.stage,
          frozenAt: ctx.now.toISOString(),
          by: ctx.caller.openid,
          inputHash: canonicalHash(built),
          count: built.students.length,
          input: built,
          // Names for the bureau's pages (not part of the hashed list).
          names: Object.fromEntries(approved.map((r) => [r.id as string, r.childName])),
        };
        if ((await ctx.store.createFreeze(freeze)).status === 'duplicate') {
          return fail('INVALID_TRANSITION', '本学段的报名名单已经冻结，不能再次冻结。');
        }
        const change = historyEntry(
          'approved',
          'awaiting_placement',
          freeze.frozenAt,
          historyActorOf(ctx.caller),
          '报名名单已冻结，等待学位分配',
        );
        // All at once (each only if still approved): a few calls, not two per child.
        await ctx.store.transitionMany(approved.map((r) => ({ id: r.id, change })));
        await auditAppend(
          ctx,
          'placement.freeze',
          `freeze:${freeze.id}`,
          { inputHash: freeze.inputHash, count: freeze.count },
          freeze.frozenAt,
        );
        return ok({
          id: freeze.id,
          inputHash: freeze.inputHash,
          count: freeze.count,
          file: await jsonFile(ctx, `frozen-${input.stage}.json`, built),
        });
      },
    }),

    run: defineAction(placementContract.run, placementPayloads.run, {
      roles: ['bureau'],
      async run(ctx, input) {
        const s = await settingsLoad(ctx);
        if (!s) return noSettings();
        const freezeId = freezeIdOf(s.enrollmentYear, input.stage);
        const freeze = await ctx.store.getFreeze(freezeId);
        if (!freeze) return fail('INVALID_TRANSITION', '请先冻结报名名单并公布其哈希值。');
        if (!input.dryRun && !/^\d{6,32}$/.test(input.seed)) {
          return fail('INVALID_INPUT', '正式派位的种子须为现场公开产生的6至32位数字。');
        }
        const run = placementRun(freeze.input, 'da', input.seed, freeze.inputHash);
        if (run.status === 'invalid') {
          // The frozen list is built by the system, so this is a bug: log the engine's reason.
          console.error('[placement] frozen input refused:', run.reason);
          return fail('INTERNAL', '冻结的派位名单数据有误，无法派位，请联系技术支持。');
        }
        const id = input.dryRun ? `${freezeId}:dry:${ctx.now.getTime()}` : `${freezeId}:final`;
        const schools = await ctx.store.listSchools();
        const coordination = coordinationFor(freeze.input, run.result, schools);
        const record = {
          id,
          freezeId,
          dryRun: input.dryRun,
          at: ctx.now.toISOString(),
          by: ctx.caller.openid,
          result: run.result,
          coordination,
          publishedAt: null,
        };
        if ((await ctx.store.createPlacementRun(record)).status === 'duplicate') {
          // A draw is never repeated to get a different result.
          return fail('INVALID_TRANSITION', '正式派位已经运行过，不能重复运行。');
        }
        await auditAppend(
          ctx,
          input.dryRun ? 'placement.dryRun' : 'placement.run',
          `run:${id}`,
          { ...run.result.runRecord },
          record.at,
        );
        return ok({
          id,
          dryRun: input.dryRun,
          at: record.at,
          ...summary(run.result, coordination, await namesOf(ctx, freeze, schools, listedOf(run.result))),
          file: await jsonFile(ctx, `run-${input.stage}${input.dryRun ? '-dry' : ''}.json`, run.result),
        });
      },
    }),

    /**
     * Publishes the formal run's results in steps of PUBLISH_STEP children (`from`: where this
     * step starts, in the run's order of registration ids): each child becomes 已录取 or 统筹中 with
     * how it was decided, and the family is told. A repeated step changes and tells nobody twice;
     * the last step marks the run published.
     */
    publish: defineAction(placementContract.publish, placementPayloads.publish, {
      roles: ['bureau'],
      async run(ctx, input) {
        const s = await settingsLoad(ctx);
        if (!s) return noSettings();
        const freezeId = freezeIdOf(s.enrollmentYear, input.stage);
        const run = await ctx.store.getPlacementRun(`${freezeId}:final`);
        if (!run) return fail('INVALID_TRANSITION', '还没有正式派位结果。');
        if (run.publishedAt) return fail('INVALID_TRANSITION', '派位结果已经公布。');
        const result = run.result;
        const ids = Object.keys(result.assignment).sort();
        const step = ids.slice(input.from, input.from + PUBLISH_STEP);
        const [schools, current] = await Promise.all([
          ctx.store.listSchools(),
          ctx.store.getRegistrations(step as RegistrationId[]),
        ]);
        const names = new Map(schools.map((x) => [x.id as string, x.name]));
        const at = ctx.now.toISOString();
        const report = `请于${cstDateLabel(s.admissionReportDate[input.stage])}到校报到；需携带的材料、确认接受与申请复核（${s.appealDays}天内）请见录取结果页。`;
        const waiting = current.filter((r) => r.status === 'awaiting_placement');
        const outcomes = waiting.map((r) => {
          const schoolId = result.assignment[r.id] ?? null;
          const lottery = result.lottery[r.id] ?? 0;
          const tierLabel = r.tier.status === 'eligible' ? r.tier.label : '统筹';
          const cut = schoolId ? result.cutoffs[schoolId]?.cutoff : null;
          const cutoff = cut && cut.kind === 'tier' ? { tier: cut.tier, lottery: cut.lottery } : null;
          const co = schoolId ? null : run.coordination[r.id];
          const explanation = schoolId
            ? `${tierLabel}，摇号号码 ${lottery}。${names.get(schoolId) ?? ''}${cutoff ? `录取至第${cutoff.tier}类摇号号码 ${cutoff.lottery}` : '学位充足，本类别全部录取'}。`
            : co?.schoolId
              ? `${tierLabel}，摇号号码 ${lottery}。所报学校学位已满，由教育局统筹安排到${names.get(co.schoolId) ?? co.schoolId}（距所报学校约${co.distanceKm}公里，为有空余学位的最近学校）。`
              : `${tierLabel}，摇号号码 ${lottery}。所报学校学位已满，由教育局统筹安排学位，请留意通知。`;
          const placement: PlacementOutcome = {
            runId: run.id,
            schoolId: (schoolId ?? co?.schoolId ?? null) as PlacementOutcome['schoolId'],
            lottery,
            tierLabel,
            cutoff,
            explanation,
          };
          const change = historyEntry(
            'awaiting_placement',
            schoolId ? 'admitted' : 'coordinating',
            at,
            historyActorOf(ctx.caller),
            schoolId
              ? `录取到${names.get(schoolId) ?? schoolId}`
              : co?.schoolId
                ? `统筹安排到${names.get(co.schoolId) ?? co.schoolId}`
                : '由教育局统筹安排学位',
          );
          return { r, schoolId, explanation, change, placement };
        });
        // The inbox notices first, with fixed ids (a repeated step writes the same ones), then the
        // changes; subscribe messages only for the children this step actually changed.
        const moved = new Set(
          await ctx.store.transitionMany(
            outcomes.map((o) => ({ id: o.r.id, change: o.change, patch: { placement: o.placement } })),
          ),
        );
        const told = outcomes.filter((o) => moved.has(o.r.id));
        await noticesSend(
          ctx,
          told.map((o) => ({
            registration: { ...o.r, status: o.change.to },
            // A family with two children (twins) gets two: each title names the child it is about.
            title: `${o.r.childName}的${o.schoolId ? '录取结果' : '学位统筹安排'}`,
            body: o.schoolId ? `${o.explanation}${report}` : o.explanation,
            id: noticeIdFor(new Date(run.at), o.r.id),
          })),
        );
        const next = input.from + PUBLISH_STEP;
        if (next < ids.length)
          return ok({
            done: false,
            next,
            total: ids.length,
            admitted: told.filter((o) => o.schoolId).length,
          });
        await ctx.store.markRunPublished(run.id, at);
        const admitted = Object.values(result.assignment).filter((x) => x !== null).length;
        await auditAppend(
          ctx,
          'placement.publish',
          `run:${run.id}`,
          { admitted, outputHash: result.runRecord.outputHash },
          at,
        );
        return ok({
          done: true,
          next: null,
          total: ids.length,
          admitted,
          coordinating: ids.length - admitted,
        });
      },
    }),

    ...appealActions,
    ...arrangeActions,
  },
};
