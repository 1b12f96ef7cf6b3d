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
