import { asCstDate } from '../../shared/brand';
import { entryAgeProblem, registrationFormCheck } from '../../shared/registration/validate';
import { ageCutoffDate, policyDefaults } from '../../shared/settings';
import { ageFullYears, cstDateOf, cstDateParse } from '../../shared/time';
import { formMake } from '../helpers/forms';

describe('China Standard Time', () => {
  test('16:30 UTC on 30 August is already 31 August in CST', () => {
    const instant = new Date('2027-08-30T16:30:00Z');
    expect(instant.toISOString().slice(0, 10)).toBe('2027-08-30');
    expect(cstDateOf(instant)).toBe('2027-08-31');
  });

  test('a child born 31 Aug 2021 is 6 "today" at 16:30 UTC on 30 Aug 2027, though UTC says 5', () => {
    const instant = new Date('2027-08-30T16:30:00Z');
    const birth = asCstDate('2021-08-31');
    expect(ageFullYears(birth, cstDateOf(instant))).toBe(6);
    expect(ageFullYears(birth, asCstDate(instant.toISOString().slice(0, 10)))).toBe(5);
  });

  test('cstDateParse refuses impossible dates', () => {
    expect(cstDateParse('2027-02-29')).toBeNull();
    expect(cstDateParse('2028-02-29')).toBe('2028-02-29');
    expect(cstDateParse('2027-8-1')).toBeNull();
  });
});

describe('entry age rule (6 full years on the cut-off date, default 31 August)', () => {
  const s = policyDefaults(2027);

  test('cut-off date comes from settings', () => {
    expect(ageCutoffDate(s)).toBe('2027-08-31');
    expect(ageCutoffDate({ ...s, ageCutoffMonthDay: '09-01' })).toBe('2027-09-01');
  });

  test.each([
    ['2021-08-31', true], // sixth birthday on the cut-off day counts
    ['2021-09-01', false], // one day late
    ['2020-02-29', true],
    ['2015-01-01', true],
  ])('born %s → eligible %p', (birth, eligible) => {
    expect(entryAgeProblem(asCstDate(birth), s) === null).toBe(eligible);
  });

  test('the refusal shows the cut-off date and age', () => {
    expect(entryAgeProblem(asCstDate('2021-09-01'), s)?.message).toBe(
      '儿童须在2027年8月31日（含）前年满6周岁，本年度不能报名小学一年级，请明年再报名。',
    );
  });

  test('a bureau can move the cut-off (a setting, not a constant)', () => {
    expect(entryAgeProblem(asCstDate('2021-09-01'), { ...s, ageCutoffMonthDay: '09-01' })).toBeNull();
  });

  test('junior-middle registrations have no primary entry-age rule', () => {
    const junior = formMake({ stage: 'junior', schoolId: 'j01' }, '2021-09-01');
    expect(registrationFormCheck(junior, s, asCstDate('2027-05-10')).status).toBe('valid');
    const primary = formMake({}, '2021-09-01');
    const r = registrationFormCheck(primary, s, asCstDate('2027-05-10'));
    expect(r.status === 'invalid' && r.problems[0]).toMatchObject({ field: 'idNumber', code: 'UNDER_AGE' });
  });
});
