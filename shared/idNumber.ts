/**
 * Resident identity numbers (公民身份号码) per GB 11643-1999: 6-digit region code, 8-digit birth
 * date, 3-digit sequence (odd = male, even = female) and an ISO 7064 MOD 11-2 check character.
 * Parsing never throws: the result says valid (with what the number tells) or invalid (with a
 * Chinese reason the form can show next to the field).
 */
import { asCstDate, type CstDate } from './brand';
import { calendarDateValid } from './time';

export type Gender = 'M' | 'F';

export type IdNumberParse =
  | {
      readonly status: 'valid';
      readonly idNumber: string;
      readonly regionCode: string;
      readonly birthDate: CstDate;
      readonly gender: Gender;
    }
  | { readonly status: 'invalid'; readonly reason: string };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
/** Province-level codes in use (GB/T 2260), first two digits of the region code. */
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

/** Normalises what people type: spaces dropped, full-width digits and x folded, x upper-cased. */
export function idNumberNormalize(raw: string): string {
  return raw
    .replace(/[\s\u3000]/g, '')
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48))
    .replace(/[xｘＸ]/g, 'X');
}

/** The check character for the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK_CHARS[sum % 11] as string;
}

/** Parses and validates an 18-character identity number. */
export function idNumberParse(raw: string): IdNumberParse {
  const id = idNumberNormalize(raw);
  if (id.length === 0) return { status: 'invalid', reason: '请填写身份证号码。' };
  if (id.length !== 18) {
    return { status: 'invalid', reason: `身份证号码应为18位，您输入了${id.length}位。` };
  }
  if (!/^\d{17}[\dX]$/.test(id)) {
    return { status: 'invalid', reason: '身份证号码前17位应为数字，最后一位为数字或X。' };
  }
  if (!PROVINCES.has(id.slice(0, 2))) {
    return { status: 'invalid', reason: '身份证号码前6位（地区代码）不对，请照户口簿逐位核对。' };
  }
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (y < 1900 || !calendarDateValid(y, m, d)) {
    return { status: 'invalid', reason: '身份证号码第7至14位（出生日期）不对，请照户口簿逐位核对。' };
  }
  if (idNumberCheckChar(id.slice(0, 17)) !== id[17]) {
    return { status: 'invalid', reason: '身份证号码校验位不正确，请逐位核对。' };
  }
  return {
    status: 'valid',
    idNumber: id,
    regionCode: id.slice(0, 6),
    birthDate: asCstDate(`${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`),
    gender: Number(id[16]) % 2 === 1 ? 'M' : 'F',
  };
}

/** Masks an identity number for lists: first 4 and last 4 kept (3301**********1234). */
export function idNumberMask(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}
