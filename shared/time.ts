/**
 * China Standard Time helpers. Policy dates (registration windows, the age cut-off) are CST
 * calendar dates, while function and CI clocks run in UTC. China has had no daylight saving since
 * 1991, so CST is exactly UTC+8 and a fixed offset is the whole conversion; this avoids relying on
 * the time-zone database of whatever JavaScript runtime (WeChat's included) runs the code.
 * Nothing here reads the clock: "now" is always an argument.
 */
import { asCstDate, type CstDate } from './brand';

export const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** The CST calendar date of an instant. */
export function cstDateOf(instant: Date): CstDate {
  const d = new Date(instant.getTime() + CST_OFFSET_MS);
  return asCstDate(`${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`);
}

/** True when y-m-d names a real calendar date (leap years included). */
export function calendarDateValid(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** Parses `YYYY-MM-DD` into a CstDate, or null when it is not a real date. */
export function cstDateParse(s: string): CstDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  return calendarDateValid(Number(m[1]), Number(m[2]), Number(m[3])) ? asCstDate(s) : null;
}

/** Full years between a birth date and a later date (a birthday counts as reached on the day). */
export function ageFullYears(birth: CstDate, on: CstDate): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [oy, om, od] = on.split('-').map(Number) as [number, number, number];
  let age = oy - by;
  if (om < bm || (om === bm && od < bd)) age -= 1;
  return age;
}

/** Formats a CstDate as 2027年8月31日 for messages. */
export function cstDateLabel(d: CstDate): string {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${day}日`;
}

/** The CST date `days` calendar days after (or before, if negative) a date. */
export function cstDateAddDays(d: CstDate, days: number): CstDate {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, day + days));
  return asCstDate(`${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`);
}

/**
 * An instant as the CST calendar date a person reads: 2027年2月3日. Every date a user sees is
 * written this way (not 2027-02-03 or 2027/2/3), whatever the locale of the phone or browser.
 */
export function instantDateLabel(iso: string): string {
  return cstDateLabel(cstDateOf(new Date(iso)));
}

/** An instant as CST date and 24-hour time: 2027年2月3日 15:01. */
export function instantTimeLabel(iso: string): string {
  const cst = new Date(new Date(iso).getTime() + CST_OFFSET_MS);
  return `${instantDateLabel(iso)} ${pad(cst.getUTCHours())}:${pad(cst.getUTCMinutes())}`;
}

/** A date the user typed or a record holds (`YYYY-MM-DD`) as 2027年2月3日; anything else unchanged. */
export function dateTextLabel(s: string): string {
  const d = cstDateParse(s);
  return d ? cstDateLabel(d) : s;
}
