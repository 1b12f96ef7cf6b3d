/** What a registration looks like to callers: the ID number masked unless the viewer is the family. */
import { idNumberMask } from '../idNumber';
import { registrationStatusLabels } from './status';
import type { Registration } from './types';
import { stageLabels } from '../settings';

export function registrationView(r: Registration, schoolName: string, family: boolean) {
  const last = r.history[r.history.length - 1];
  return {
    id: r.id,
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
    status: r.status,
    statusLabel: registrationStatusLabels[r.status],
    reason: last?.reason ?? null,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    history: r.history.map((h) => ({
      to: h.to,
      label: registrationStatusLabels[h.to],
      at: h.at,
      by: h.by.kind === 'system' ? '系统' : h.by.role === 'parent' ? '家长' : '学校',
      reason: h.reason,
    })),
  };
}

export type RegistrationView = ReturnType<typeof registrationView>;
