/**
 * Field checks for a registration form, shared by the client (instant feedback while typing)
 * and the cloud function (which re-checks everything). Each problem names its field by path
 * (`guardians.0.mobile`) and says in Chinese what is wrong and what to do.
 */
import type { CstDate } from '../brand';
import type { ErrorCode } from '../errors';
import { idNumberParse, type Gender } from '../idNumber';
import { ageCutoffDate, type PolicySettings } from '../settings';
import { ageFullYears, cstDateLabel, cstDateParse } from '../time';
import { guardianRelations, type RegistrationForm } from './form';

export interface FieldProblem {
  readonly field: string;
  readonly code: ErrorCode;
  readonly message: string;
}

export type FormCheck =
  | {
      readonly status: 'valid';
      readonly idNumber: string;
      readonly birthDate: CstDate;
      readonly gender: Gender;
    }
  | { readonly status: 'invalid'; readonly problems: readonly FieldProblem[] };

const NAME_RE = /^[\u4e00-\u9fa5\u3400-\u4dbfA-Za-z·•.\s]{2,30}$/;
const MOBILE_RE = /^1[3-9]\d{9}$/;
/** 出生医学证明编号: one capital letter and nine digits. */
const BIRTH_CERT_RE = /^[A-Z]\d{9}$/;

/** Checks the child's entry age against the bureau's cut-off date (primary only). */
export function entryAgeProblem(birthDate: CstDate, settings: PolicySettings): FieldProblem | null {
  const cutoff = ageCutoffDate(settings);
  const age = ageFullYears(birthDate, cutoff);
  if (age >= settings.primaryEntryAge) return null;
  return {
    field: 'idNumber',
    code: 'UNDER_AGE',
    message: `儿童须在${cstDateLabel(cutoff)}（含）前年满${settings.primaryEntryAge}周岁，本年度不能报名小学一年级，请明年再报名。`,
  };
}

/** All problems of a form, or the facts derived from the child's ID number when it is valid. */
export function registrationFormCheck(
  f: RegistrationForm,
  settings: PolicySettings,
  today: CstDate,
): FormCheck {
  const problems: FieldProblem[] = [];
  const bad = (field: string, message: string, code: ErrorCode = 'INVALID_INPUT') =>
    problems.push({ field, code, message });
  const pastDate = (field: string, value: string, what: string) => {
    const d = cstDateParse(value);
    if (!d) bad(field, `请填写${what}（格式如 2020-05-10）。`);
    else if (d > today) bad(field, `${what}不能晚于今天。`);
    else if (d < '1950-01-01') bad(field, `${what}早于1950年，请核对后重新选择。`);
  };

  if (!f.community.trim()) bad('community', '请选择居住的社区或村。');
  if (!f.schoolId.trim()) bad('schoolId', '请选择学区学校。');

  const name = f.childName.trim();
  if (!name) bad('childName', '请填写儿童姓名。');
  else if (!NAME_RE.test(name)) bad('childName', '儿童姓名应为2至30个汉字或字母，与户口簿一致。');

  const id = idNumberParse(f.idNumber);
  if (id.status === 'invalid') bad('idNumber', id.reason, 'INVALID_ID_NUMBER');
  else if (id.birthDate > today)
    bad('idNumber', '身份证号码中的出生日期晚于今天，请核对。', 'INVALID_ID_NUMBER');
  else if (f.stage === 'primary') {
    const age = entryAgeProblem(id.birthDate, settings);
    if (age) problems.push(age);
  }

  if (!BIRTH_CERT_RE.test(f.birthCertificateNo.trim().toUpperCase())) {
    bad('birthCertificateNo', '出生医学证明编号应为1个字母加9位数字，如 O110123456。');
  }

  if (f.guardians.length === 0) bad('guardians', '请至少填写一位监护人。');
  if (f.guardians.length > 4) bad('guardians', '监护人最多填写4位。');
  f.guardians.forEach((g, i) => {
    const p = `guardians.${i}`;
    if (!guardianRelations.includes(g.relation)) bad(`${p}.relation`, '请选择与儿童的关系。');
    if (!NAME_RE.test(g.name.trim())) bad(`${p}.name`, '请填写监护人姓名（2至30个字）。');
    const gid = idNumberParse(g.idNumber);
    if (gid.status === 'invalid') bad(`${p}.idNumber`, `监护人${gid.reason}`, 'INVALID_ID_NUMBER');
    else if (id.status === 'valid' && gid.idNumber === id.idNumber) {
      bad(`${p}.idNumber`, '监护人身份证号不能与儿童相同。', 'INVALID_ID_NUMBER');
    }
    if (!MOBILE_RE.test(g.mobile.trim())) bad(`${p}.mobile`, '手机号码应为11位数字，以1开头。');
  });

  if (f.route === 'resident') {
    if (!f.hukou.address.trim()) bad('hukou.address', '请填写户籍地址。');
    if (!f.hukou.householdHead.trim()) bad('hukou.householdHead', '请填写户主姓名。');
  }

  if (f.property) {
    const p = f.property;
    if (p.certificateNo.trim().length < 4) bad('property.certificateNo', '请填写房产证号或购房合同编号。');
    if (!p.address.trim()) bad('property.address', '请填写房产地址。');
    if (!p.owners.trim()) bad('property.owners', '请填写产权人姓名。');
    if (!(p.sharePercent > 0 && p.sharePercent <= 100))
      bad('property.sharePercent', '产权份额应在1%至100%之间。');
    pastDate('property.acquiredOn', p.acquiredOn, '取得房产日期');
  }

  if (f.route === 'migrant') {
    const m = f.migrant;
    if (!m) bad('migrant', '随迁子女须填写居住证和社保信息。');
    else {
      if (m.residencePermitNo.trim().length < 6) bad('migrant.residencePermitNo', '请填写居住证编号。');
      pastDate('migrant.residencePermitSince', m.residencePermitSince, '居住证办理日期');
      if (
        !Number.isInteger(m.socialInsuranceMonths) ||
        m.socialInsuranceMonths < 0 ||
        m.socialInsuranceMonths > 600
      ) {
        bad('migrant.socialInsuranceMonths', '社保连续缴费月数应为0至600之间的整数。');
      }
      if (m.rentalRegistered && !m.rentalAddress.trim())
        bad('migrant.rentalAddress', '请填写备案的租赁住房地址。');
    }
  }

  if (f.special.policyGroup && !f.special.policyProofNo.trim()) {
    bad('special.policyProofNo', `申请${f.special.policyGroup}优待须填写证明编号并上传证明。`);
  }

  f.siblings.forEach((s, i) => {
    if (!NAME_RE.test(s.name.trim())) bad(`siblings.${i}.name`, '请填写兄姐姓名。');
    if (!s.schoolId.trim()) bad(`siblings.${i}.schoolId`, '请选择兄姐就读的学校。');
  });

  f.twinIdNumbers.forEach((t, i) => {
    const tid = idNumberParse(t);
    if (tid.status === 'invalid') bad(`twinIdNumbers.${i}`, `多胞胎${tid.reason}`, 'INVALID_ID_NUMBER');
    else if (id.status === 'valid' && (tid.idNumber === id.idNumber || tid.birthDate !== id.birthDate)) {
      bad(`twinIdNumbers.${i}`, '多胞胎兄弟姐妹应与儿童同一天出生，且不是儿童本人。', 'INVALID_ID_NUMBER');
    }
  });

  if (problems.length > 0 || id.status === 'invalid') return { status: 'invalid', problems };
  return { status: 'valid', idNumber: id.idNumber, birthDate: id.birthDate, gender: id.gender };
}
