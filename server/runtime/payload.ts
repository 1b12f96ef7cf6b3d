/**
 * Payload validation with zod, turning schema failures into INVALID_INPUT with a Chinese message
 * that names the field by its Chinese name (fieldLabels.ts), never by its key. Schemas are strict:
 * unknown keys (e.g. operator-looking `$ne`) are refused.
 */
import type * as z from 'zod';
import { fail, type Fail } from '../../shared/errors';
import { fieldLabel } from './fieldLabels';

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
      // The keys themselves are not shown: only a forged or outdated request sends them.
      return '包含不允许的字段，请刷新页面后重试';
    case 'invalid_value':
      return '取值不在允许范围内';
    case 'invalid_format':
      return '格式不正确';
    default:
      return '不符合要求';
  }
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v = raw;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/** Parses `raw` with `schema`; the most telling problem becomes the message. */
export function payloadParse<S extends z.ZodType>(schema: S, raw: unknown): Parsed<z.infer<S>> {
  const res = schema.safeParse(raw);
  if (res.success) return { ok: true, value: res.data };
  // Name what is wrong with what was sent before what is missing: an unknown (operator-looking)
  // key first, then a present but bad value, then a missing field.
  const rank = (i: z.core.$ZodIssue) =>
    i.code === 'unrecognized_keys' ? 0 : valueAt(raw, i.path) !== undefined ? 1 : 2;
  const issue = [...res.error.issues].sort((a, b) => rank(a) - rank(b))[0];
  if (!issue) return fail('INVALID_INPUT');
  // A schema's own Chinese message (e.g. '请写明申请或推荐理由') says more than the generic text.
  const own = /[\u4e00-\u9fff]/.test(issue.message) ? issue.message : issueText(issue);
  return fail('INVALID_INPUT', `「${fieldLabel(issue.path)}」${own}。`);
}

export { idText, text } from '../../shared/api/fields';
