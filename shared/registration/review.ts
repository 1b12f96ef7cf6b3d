/** Review decisions and the reason codes a school picks from (with its own text beside). */
export const reviewReasons = {
  NOT_IN_ZONE: '不在本学区',
  DOCS_ILLEGIBLE: '材料不清晰',
  DOCS_MISSING: '材料缺页',
  DATA_MISMATCH: '填报信息与材料不一致',
  PROPERTY_REUSED: '房产已用于入学（一房一学位）',
  AGE: '年龄不符合入学条件',
  OTHER: '其他',
} as const;

export type ReviewReasonCode = keyof typeof reviewReasons;
export const reviewReasonCodes = Object.keys(reviewReasons) as ReviewReasonCode[];

export type ReviewDecision = 'approve' | 'reject' | 'return';

/**
 * 作废 (voiding) a registration someone other than the child's guardians made (冒名/误报): the
 * school or the bureau checks the family's 户口簿 and 出生医学证明 in person first. Its reason
 * code is kept apart from the review reasons (it is not a review decision).
 */
export const VOID_REASON_CODE = 'NOT_GUARDIAN';
export const voidReasonLabel = '经查验户口簿和出生医学证明，非儿童监护人所报（冒名或误报）';

/** The label of any reason code a registration's history can hold. */
export function reasonCodeLabel(code: string): string {
  if (code === VOID_REASON_CODE) return voidReasonLabel;
  return (reviewReasons as Readonly<Record<string, string>>)[code] ?? code;
}

/** The shortest 作废 reason accepted (the other account reads it), and what to write when it is shorter. */
export const VOID_REASON_MIN = 4;
export const voidReasonShort = `请写明作废的理由（至少${VOID_REASON_MIN}个字），例如核实了哪位家长的哪些证件。报名人会看到这段文字。`;
/** Whether a 作废 reason is long enough (counted in characters, not UTF-16 units). */
export const voidReasonEnough = (reason: string): boolean => [...reason.trim()].length >= VOID_REASON_MIN;
