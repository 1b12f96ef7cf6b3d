/** 公示 in working days: weekends, holidays and 调休 weekend working days. */
import { publicityEnd } from '../../shared/rotation/publicity';

const none = { holidays: [], workingWeekends: [] };

test('five working days from a Monday end on Friday; from a Thursday, on the next Wednesday', () => {
  expect(publicityEnd('2027-06-07', 5, none)).toBe('2027-06-11');
  expect(publicityEnd('2027-06-10', 5, none)).toBe('2027-06-16');
  expect(publicityEnd('2027-06-12', 5, none)).toBe('2027-06-18'); // a Saturday start counts from Monday
});

test('holidays are skipped and 调休 weekends count (国庆 2027 as a bureau would enter it)', () => {
  const cal = {
    holidays: ['2027-10-01', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'],
    workingWeekends: ['2027-09-26', '2027-10-09'],
  };
  // 9/24 Fri, 9/26 Sun (working), 9/27 Mon, 9/28 Tue, 9/29 Wed → the fifth working day.
  expect(publicityEnd('2027-09-24', 5, cal)).toBe('2027-09-29');
  // 9/30 Thu, then the holiday week, 10/8 Fri, 10/9 Sat (working), 10/11, 10/12.
  expect(publicityEnd('2027-09-30', 5, cal)).toBe('2027-10-12');
});
