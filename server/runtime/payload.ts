/**
 * Payload validation with zod, turning schema failures into INVALID_INPUT with a Chinese message
 * that names the field. Schemas are strict: unknown keys (e.g. operator-looking `$ne`) are refused.
 */
import * as z from 'zod';
import { fail, type Fail } from '../../shared/errors';

export type Parsed<T> = { readonly ok: true; readonly value: T } | Fail;

function issueText(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return '类型不正确';
    case 'too_big':
      return '超出允许的长度或范围';
    case 'too_small':
      return '过短或缺少内容';
    case 'unrecognized_keys':
      return `包含不允许的字段（${issue.keys.join('、')}）`;
    case 'invalid_value':
      return '取值不在允许范围内';
    case 'invalid_format':
      return '格式不正确';
    default:
      return '不符合要求';
  }
}

/** Parses `raw` with `schema`; the first problem becomes the message. */
export function payloadParse<S extends z.ZodType>(schema: S, raw: unknown): Parsed<z.infer<S>> {
  const res = schema.safeParse(raw);
  if (res.success) return { ok: true, value: res.data };
  const issue = res.error.issues[0];
  if (!issue) return fail('INVALID_INPUT');
  const field = issue.path.length > 0 ? issue.path.join('.') : '请求内容';
  return fail('INVALID_INPUT', `字段「${field}」${issueText(issue)}。`);
}

/** A bounded plain string: trimmed length limits keep huge inputs out. */
export const text = (max: number) => z.string().max(max);
