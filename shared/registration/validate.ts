/**
 * Field checks for a registration draft, shared by the client (instant feedback while typing)
 * and the cloud function (which re-checks everything). Each problem names its field and says in
 * Chinese what is wrong and what to do.
 */
import type { CstDate } from '../brand';
import type { ErrorCode } from '../errors';
import { idNumberParse, type Gender } from '../idNumber';
import { ageCutoffDate, type PolicySettings } from '../settings';
import { ageFullYears, cstDateLabel } from '../time';
import type { RegistrationDraft } from './types';

export type DraftField = keyof RegistrationDraft;

export interface FieldProblem {
  readonly field: DraftField;
  readonly code: ErrorCode;
  readonly message: string;
}

export type DraftCheck =
  | {
      readonly status: 'valid';
      readonly idNumber: string;
      readonly birthDate: CstDate;
      readonly gender: Gender;
    }
  | { readonly status: 'invalid'; readonly problems: readonly FieldProblem[] };

const NAME_RE = /^[\u4e00-\u9fa5\u3400-\u4dbfA-Za-z·•.\s]{2,30}$/;

/** Checks the child's entry age against the bureau's cut-off date (primary only). */
export function entryAgeProblem(birthDate: CstDate, settings: PolicySettings): FieldProblem | null {
  const cutoff = ageCutoffDate(settings);
  const age = ageFullYears(birthDate, cutoff);
  if (age >= settings.primaryEntryAge) return null;
  return {
    field: 'idNumber',
    code: 'UNDER_AGE',
    message: `儿童须在${cstDateLabel(cutoff)}（含）前年满${settings.primaryEntryAge}周岁，本年度不能报名小学一年级。`,
  };
}

/** All problems of a draft, or the facts derived from the ID number when it is valid. */
export function registrationDraftCheck(draft: RegistrationDraft, settings: PolicySettings): DraftCheck {
  const problems: FieldProblem[] = [];
  const name = draft.childName.trim();
  if (name.length === 0) {
    problems.push({ field: 'childName', code: 'INVALID_INPUT', message: '请填写儿童姓名。' });
  } else if (!NAME_RE.test(name)) {
    problems.push({
      field: 'childName',
      code: 'INVALID_INPUT',
      message: '儿童姓名应为2至30个汉字或字母，与户口簿一致。',
    });
  }
  if (draft.schoolId.trim().length === 0) {
    problems.push({ field: 'schoolId', code: 'INVALID_INPUT', message: '请选择学区学校。' });
  }
  const id = idNumberParse(draft.idNumber);
  if (id.status === 'invalid') {
    problems.push({ field: 'idNumber', code: 'INVALID_ID_NUMBER', message: id.reason });
  } else if (draft.stage === 'primary') {
    const age = entryAgeProblem(id.birthDate, settings);
    if (age) problems.push(age);
  }
  if (problems.length > 0 || id.status === 'invalid') return { status: 'invalid', problems };
  return { status: 'valid', idNumber: id.idNumber, birthDate: id.birthDate, gender: id.gender };
}
