/**
 * What a registration looks like to callers. Families see their own data in full; staff see ID
 * numbers masked, and the flags and tier they review by.
 */
import { idNumberMask } from '../idNumber';
import { stageLabels } from '../settings';
import { documentSlots } from './documents';
import { registrationFlagLabels, type RegistrationFlag } from './flags';
import type { RegistrationForm } from './form';
import { reasonCodeLabel } from './review';
import { registrationStatusLabels } from './status';
import type { Registration } from './types';

export const maskMobile = (m: string) => (m.length === 11 ? `${m.slice(0, 3)}****${m.slice(-4)}` : m);

function formForStaff(f: RegistrationForm): RegistrationForm {
  return {
    ...f,
    idNumber: idNumberMask(f.idNumber),
    guardians: f.guardians.map((g) => ({
      ...g,
      idNumber: idNumberMask(g.idNumber),
      mobile: maskMobile(g.mobile),
    })),
    twinIdNumbers: f.twinIdNumbers.map(idNumberMask),
  };
}

export function registrationView(r: Registration, schoolName: string, family: boolean) {
  const last = r.history[r.history.length - 1];
  return {
    id: r.id,
    /** The child's registration before this one (withdrawn or voided), if any. */
    previousId: r.previousId ?? null,
    year: r.year,
    stage: r.stage,
    stageLabel: stageLabels[r.stage],
    schoolId: r.schoolId,
    schoolName,
    childName: r.childName,
    idNumberMasked: idNumberMask(r.idNumber),
    idNumber: family ? r.idNumber : null,
    birthDate: r.birthDate,
    gender: r.gender,
    tier: r.tier,
    tierLabel: r.tier.status === 'eligible' ? r.tier.label : '统筹',
    flags: r.flags.map((f) => ({ code: f, label: registrationFlagLabels[f as RegistrationFlag] ?? f })),
    form: family ? r.form : formForStaff(r.form),
    guardianMobiles: r.form.guardians.map((g) => (family ? g.mobile : maskMobile(g.mobile))),
    documents: documentSlots
      .filter((s) => s.required(r.form) || r.documents[s.key])
      .map((s) => ({
        slot: s.key,
        label: s.label,
        attached: Boolean(r.documents[s.key]),
        required: s.required(r.form),
      })),
    placement: r.placement ?? null,
    status: r.status,
    statusLabel: registrationStatusLabels[r.status],
    reason: last?.reason ?? null,
    deadline: last?.deadline ?? null,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    history: r.history.map((h) => ({
      to: h.to,
      label: registrationStatusLabels[h.to],
      at: h.at,
      by:
        h.by.kind === 'system'
          ? '系统'
          : h.by.role === 'parent'
            ? '家长'
            : h.by.role === 'bureau'
              ? '教育局'
              : '学校',
      reasonLabel: h.reasonCode ? reasonCodeLabel(h.reasonCode) : null,
      reason: h.reason,
      deadline: h.deadline ?? null,
    })),
  };
}

export type RegistrationView = ReturnType<typeof registrationView>;
