/**
 * 公示 periods in working days: Monday–Friday, minus the bureau's list of holidays (and plus any
 * adjusted working weekend days, 调休). Dates are CST calendar dates (YYYY-MM-DD); no clock reads.
 */
import dayjs from 'dayjs';

export interface WorkCalendar {
  /** Public holidays that fall on weekdays. */
  readonly holidays: readonly string[];
  /** Weekend days that are working days (调休). */
  readonly workingWeekends: readonly string[];
}

export const isWorkingDay = (date: string, cal: WorkCalendar): boolean => {
  if (cal.holidays.includes(date)) return false;
  if (cal.workingWeekends.includes(date)) return true;
  const d = dayjs(date).day();
  return d !== 0 && d !== 6;
};

/**
 * The last day of a 公示 of `days` working days that starts on `from` (counted if it is a working
 * day itself).
 */
export function publicityEnd(from: string, days: number, cal: WorkCalendar): string {
  let d = dayjs(from);
  let counted = 0;
  for (let guard = 0; guard < 400; guard++) {
    const s = d.format('YYYY-MM-DD');
    if (isWorkingDay(s, cal) && ++counted === days) return s;
    d = d.add(1, 'day');
  }
  throw new Error('no working days in the calendar');
}
