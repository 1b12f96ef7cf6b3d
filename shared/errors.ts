/**
 * The response envelope every cloud function returns, and the fixed union of error codes.
 * Expected failures are values ({ ok: false }); only bugs throw. Each code has a default
 * Chinese message; callers may give a more specific one (naming the field, showing a date).
 */
export const errorMessages = {
  INVALID_INPUT: '提交的内容格式不正确，请检查后重试。',
  INVALID_ID_NUMBER: '身份证号码不正确，请核对后重新输入。',
  UNDER_AGE: '儿童未达到入学年龄。',
  DUPLICATE_REGISTRATION: '该儿童本年度已经报名，不能重复报名。',
  DOCUMENTS_MISSING: '还缺少必须上传的材料，请上传后再提交。',
  OUT_OF_WINDOW: '当前不在报名时间内。',
  NOT_FOUND: '没有找到相应的记录。',
  FORBIDDEN: '您没有权限进行此操作。',
  UNAUTHENTICATED: '登录已失效，请重新登录。',
  STALE_VERSION: '记录已被他人修改，请刷新后重试。',
  INVALID_TRANSITION: '当前状态下不能进行此操作。',
  RULE_BROKEN: '调整后的方案违反规定，不能公示。',
  CLASS_FULL: '各班都已达到班额上限。',
  NO_SEATS: '这所学校已没有空余学位。',
  INVITE_INVALID: '邀请码无效。',
  INVITE_USED: '邀请码已被使用。',
  INVITE_EXPIRED: '邀请码已过期。',
  ALREADY_BOUND: '该微信账号已绑定教职工身份。',
  UNKNOWN_ACTION: '不支持的操作。',
  TIMEOUT: '服务处理超时，请稍后重试。',
  RATE_LIMITED: '操作太频繁，请稍后再试。',
  QUOTA_EXCEEDED: '您上传的材料已达上限，这份文件没有保存。',
  INTERNAL: '服务暂时出现问题，请稍后重试。',
} as const;

export type ErrorCode = keyof typeof errorMessages;

export type Ok<T> = { readonly ok: true; readonly data: T };
export type Fail = { readonly ok: false; readonly code: ErrorCode; readonly message: string };
export type Envelope<T> = Ok<T> | Fail;

export const ok = <T>(data: T): Ok<T> => ({ ok: true, data });

/** A failure value with the code's default Chinese message unless a specific one is given. */
export const fail = (code: ErrorCode, message?: string): Fail => ({
  ok: false,
  code,
  message: message ?? errorMessages[code],
});

export const isErrorCode = (s: unknown): s is ErrorCode =>
  typeof s === 'string' && Object.prototype.hasOwnProperty.call(errorMessages, s);
