/**
 * Document slots: which photos or scans a registration needs, depending on its route and facts,
 * with what a legible example looks like, and the limits every upload must meet.
 */
import type { RegistrationForm } from './form';

export interface DocumentSlot {
  readonly key: string;
  readonly label: string;
  readonly example: string;
  readonly required: (f: RegistrationForm) => boolean;
}

const resident = (f: RegistrationForm) => f.route === 'resident';

export const documentSlots: readonly DocumentSlot[] = [
  {
    key: 'hukou_front',
    label: '户口簿首页',
    example: '印有户别、户主姓名和户号的一页，四角完整、字迹清楚',
    required: resident,
  },
  { key: 'hukou_head', label: '户口簿户主页', example: '户主本人信息页', required: resident },
  {
    key: 'hukou_self',
    label: '户口簿儿童本人页',
    example: '儿童本人信息页，身份证号清晰可读',
    required: resident,
  },
  {
    key: 'property',
    label: '房产证明',
    example: '不动产权证（含附记页）或网签购房合同首页和签字页',
    required: (f) => f.property !== null,
  },
  {
    key: 'residence_permit',
    label: '居住证',
    example: '居住证正反面',
    required: (f) => f.route === 'migrant',
  },
  {
    key: 'social_insurance',
    label: '社保缴费证明',
    example: '社保经办机构出具的连续缴费记录（补缴不计）',
    required: (f) => f.route === 'migrant',
  },
  {
    key: 'rental',
    label: '房屋租赁备案证明',
    example: '住建部门出具的租赁登记备案证明',
    required: (f) => f.route === 'migrant' && f.migrant?.rentalRegistered === true,
  },
  { key: 'birth_certificate', label: '出生医学证明', example: '出生医学证明正页', required: () => true },
  {
    key: 'vaccination',
    label: '预防接种证',
    example: '预防接种证查验证明或接种记录页',
    required: (f) => f.stage === 'primary',
  },
  {
    key: 'policy_proof',
    label: '政策优待证明',
    example: '军人子女、优抚对象或人才认定的有效证明',
    required: (f) => f.special.policyGroup !== null,
  },
  {
    key: 'disability',
    label: '残疾证或医学诊断证明',
    example: '残疾人证或二级以上医院诊断证明，用于安排随班就读支持',
    required: (f) => f.special.disability !== null,
  },
];

export const documentSlotKeys = documentSlots.map((s) => s.key);

/** Upload limits: JPEG/PNG photos or PDF scans, at most 5 MB each. */
export const DOCUMENT_MAX_BYTES = 5 * 1024 * 1024;
export const documentMimeTypes = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type DocumentMime = (typeof documentMimeTypes)[number];
/** Client-side resize target: long side at most this many pixels, JPEG quality below. */
export const DOCUMENT_RESIZE_MAX_PX = 2000;
export const DOCUMENT_RESIZE_QUALITY = 0.85;

/** The required slots that have no document attached. */
export function documentsMissing(f: RegistrationForm, attached: ReadonlySet<string>): DocumentSlot[] {
  return documentSlots.filter((s) => s.required(f) && !attached.has(s.key));
}

/** Identifies a file's type from its first bytes (the declared type is not trusted). */
export function documentSniff(head: Uint8Array): DocumentMime | null {
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47) return 'image/png';
  if (head[0] === 0x25 && head[1] === 0x50 && head[2] === 0x44 && head[3] === 0x46) return 'application/pdf';
  return null;
}
