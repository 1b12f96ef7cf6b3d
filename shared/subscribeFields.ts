/**
 * Values for WeChat subscribe-message template fields. WeChat refuses a whole message (47003)
 * when one field breaks its kind's rule: `thing` ≤ 20 characters; `name` ≤ 10 Han characters (or
 * Han with letters) or ≤ 20 letters and symbols; `phrase` ≤ 5 Han characters
 * only; `time` a 24-hour time, optionally after a date (2027年5月1日 15:01). Pure: "now" comes in.
 */
import { CST_OFFSET_MS } from './time';

const HAN = /\p{Script=Han}/u;

/** A `thing` value: at most 20 characters (shortened with an ellipsis, which `thing` accepts). */
export function thingValue(s: string): string {
  const chars = [...s.trim()];
  if (chars.length === 0) return '无';
  return chars.length > 20 ? `${chars.slice(0, 19).join('')}…` : chars.join('');
}

/**
 * A `name` value: a Chinese name keeps its Han characters and letters, cut to 10 (阿依古丽·买买提
 * becomes 阿依古丽买买提: WeChat takes a mixed name as Chinese and refuses symbols in it); a Latin
 * name keeps letters, spaces and dots, cut to 20. Digits, brackets or an ellipsis are dropped.
 */
export function nameValue(s: string): string {
  const t = s.trim();
  if (HAN.test(t)) {
    const kept = [...t].filter((c) => HAN.test(c) || /[A-Za-z]/.test(c));
    return kept.slice(0, 10).join('') || '家长';
  }
  const latin = t.replace(/[^A-Za-z .]/g, '').trim();
  return latin.slice(0, 20) || 'Parent';
}

/** A `phrase` value: at most 5 Han characters, nothing else. */
export function phraseValue(s: string): string {
  const han = [...s].filter((c) => HAN.test(c));
  return han.slice(0, 5).join('') || '已更新';
}

/** A `time` value: the CST date with a 24-hour time, e.g. 2027年5月1日 15:01. */
export function timeValue(instant: Date): string {
  const d = new Date(instant.getTime() + CST_OFFSET_MS);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${hh}:${mm}`;
}
