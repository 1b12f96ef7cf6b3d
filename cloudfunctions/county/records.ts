/**
 * 督导 click-through: the records behind a dashboard finding — a class with its members, a
 * registration (ID numbers masked), a school's figures, an indicator's value per school. Each
 * answer carries the findings that name the record, computed by the same build as the dashboard,
 * so the page a warning leads to shows the same numbers as the warning.
 */
import { asRegistrationId, asTeacherId } from '../../shared/brand';
import { classLabel } from '../../shared/classing/plan';
import { fail, ok, type Envelope } from '../../shared/errors';
import {
  type ClassRecordView,
  type IndicatorRecordView,
  type RecordView,
  type RegistrationRecordView,
  type SchoolRecordView,
} from '../../shared/oversight/recordView';
import type { Finding, RecordRef } from '../../shared/oversight/rules';
import {
  indicatorKeys,
  indicatorLabels,
  indicatorStandards,
  type IndicatorKey,
  type IndicatorTable,
} from '../../shared/rotation/indicators';
import { registrationView } from '../../shared/registration/view';
import type { PolicySettings } from '../../shared/settings';
import { countyContract } from '../../shared/api/county';
import { countyPayloads } from '../../shared/api/countyPayloads';
import type { FnContext } from '../../server/runtime/context';
import { defineAction } from '../../server/runtime/define';
import { noSettings, settingsLoad } from '../../server/app/common';
import { dashboardBuild } from '../../server/app/dashboard';

type Built = Awaited<ReturnType<typeof dashboardBuild>>;

const notFound = () => fail('NOT_FOUND', '没有找到这条记录，可能已被修改，请返回督导看板刷新。');

/** The findings that name this record (whole: a shared property lists every family using it). */
const findingsOf = (d: Built, kind: RecordRef['kind'], id: string): Finding[] =>
  d.findings.filter((f) => f.records.some((r) => r.kind === kind && r.id === id));

async function classRecord(
  ctx: FnContext,
  s: PolicySettings,
  d: Built,
  id: string,
): Promise<Envelope<ClassRecordView>> {
  const fact = d.classes.find((c) => c.id === id);
  const [planId, index] = [id.slice(0, id.lastIndexOf(':')), Number(id.slice(id.lastIndexOf(':') + 1))];
  const plan = fact ? await ctx.store.getClassingPlan(planId) : null;
  const members = plan?.classes?.[index];
  if (!fact || !plan || !members) return notFound();
  const students = new Map(plan.input.students.map((x) => [x.id, x]));
  const homeroomId = plan.homeroom?.teacherIds[index];
  const homeroom = homeroomId ? await ctx.store.getTeacher(asTeacherId(homeroomId)) : null;
  const list = members.map((m) => {
    const st = students.get(m);
    return { name: st?.name ?? m, gender: st?.gender ?? null, groups: st?.groups ?? [] };
  });
  return ok({
    kind: 'class',
    id,
    label: classLabel(plan.stage, index),
    schoolId: plan.schoolId,
    schoolName: d.schools.find((x) => x.schoolId === plan.schoolId)?.name ?? plan.schoolId,
    size: members.length,
    cap: s.classCap[plan.stage],
    superLargeSize: s.superLargeClassSize,
    planStatus: plan.status,
    homeroom: homeroom?.name ?? null,
    boys: list.filter((x) => x.gender === 'M').length,
    girls: list.filter((x) => x.gender === 'F').length,
    members: list,
    findings: findingsOf(d, 'class', id),
  });
}

async function registrationRecord(
  ctx: FnContext,
  d: Built,
  id: string,
): Promise<Envelope<RegistrationRecordView>> {
  const r = await ctx.store.getRegistration(asRegistrationId(id));
  if (!r) return notFound();
  const v = registrationView(r, d.schools.find((x) => x.schoolId === r.schoolId)?.name ?? r.schoolId, false);
  return ok({
    kind: 'registration',
    id,
    childName: v.childName,
    idNumberMasked: v.idNumberMasked,
    birthDate: v.birthDate,
    schoolName: v.schoolName,
    stageLabel: v.stageLabel,
    statusLabel: v.statusLabel,
    tierLabel: v.tierLabel,
    flags: v.flags.map((f) => f.label),
    placement: v.placement?.explanation ?? null,
    history: v.history.map((h) => ({ at: h.at, label: h.label, by: h.by, reason: h.reason })),
    findings: findingsOf(d, 'registration', id),
  });
}

function schoolRecord(d: Built, id: string): Envelope<SchoolRecordView> {
  const school = d.schools.find((x) => x.schoolId === id);
  if (!school) return notFound();
  const rowOf = (tables: readonly IndicatorTable[] | null) =>
    tables?.find((t) => t.stage === school.stage)?.schools.find((x) => x.schoolId === id) ?? null;
  const current = rowOf(d.indicators.current);
  const after = rowOf(d.indicators.afterRotation);
  const standards = indicatorStandards[school.stage].thresholds;
  return ok({
    kind: 'school',
    id,
    school,
    classes: d.classes.filter((c) => c.schoolId === id),
    indicators: current
      ? indicatorKeys.map((k) => ({
          key: k,
          label: indicatorLabels[k],
          standard: standards[k],
          current: { value: current.values[k], met: current.met[k] },
          afterRotation: after ? { value: after.values[k], met: after.met[k] } : null,
        }))
      : [],
    indicatorsPass: { current: current?.passes ?? null, afterRotation: after?.passes ?? null },
    findings: findingsOf(d, 'school', id),
  });
}

function indicatorRecord(d: Built, id: string): Envelope<IndicatorRecordView> {
  const [stage, key] = id.split(':') as [string, IndicatorKey];
  const current = d.indicators.current.find((t) => t.stage === stage);
  const after = d.indicators.afterRotation?.find((t) => t.stage === stage) ?? null;
  if (!current || !indicatorKeys.includes(key)) return notFound();
  return ok({
    kind: 'indicator',
    id,
    stage: current.stage,
    label: indicatorLabels[key],
    cvCurrent: current.cv[key],
    cvAfterRotation: after ? after.cv[key] : null,
    cvLimit: current.cvLimit,
    schools: current.schools.map((x) => {
      const a = after?.schools.find((y) => y.schoolId === x.schoolId);
      return {
        schoolId: x.schoolId,
        name: x.name,
        pupils: x.pupils,
        current: { value: x.values[key], met: x.met[key] },
        afterRotation: a ? { value: a.values[key], met: a.met[key] } : null,
      };
    }),
    findings: findingsOf(d, 'indicator', id),
  });
}

export const recordActions = {
  /** One record behind a finding (kinds the census page does not already show). */
  record: defineAction(countyContract.record, countyPayloads.record, {
    roles: ['bureau'],
    async run(ctx, input): Promise<Envelope<RecordView>> {
      const s = await settingsLoad(ctx);
      if (!s) return noSettings();
      const d = await dashboardBuild(ctx, s);
      switch (input.kind) {
        case 'class':
          return classRecord(ctx, s, d, input.id);
        case 'registration':
          return registrationRecord(ctx, d, input.id);
        case 'school':
          return schoolRecord(d, input.id);
        case 'indicator':
          return indicatorRecord(d, input.id);
      }
    },
  }),
};
