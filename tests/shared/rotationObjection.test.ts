import type { RotationRecord } from '../../shared/rotation/record';
import {
  OBJECTION_MIN_CHARS,
  rotationCanObject,
  rotationInPublicity,
  rotationObjectionAdd,
} from '../../shared/rotation/objection';

const rec = (over: Partial<RotationRecord> = {}): RotationRecord => ({
  id: '2027',
  year: 2027,
  status: 'publicized',
  seed: 's',
  algorithm: 'a',
  moves: [
    { teacherId: 't1', name: '张老师', fromName: '甲校', toName: '乙校' } as RotationRecord['moves'][number],
  ],
  publicity: { from: '2027-06-01', to: '2027-06-07' },
  objections: [],
  acknowledged: {},
  reported: {},
  problems: [],
  version: 1,
  updatedAt: '2027-06-01T00:00:00Z',
  ...over,
});
const reason = '家中老人需要照顾，无法前往';
const at = '2027-06-03T02:00:00Z';

test('the 公示 window is inclusive at both ends and closed once final', () => {
  expect(
    ['2027-05-31', '2027-06-01', '2027-06-07', '2027-06-08'].map((d) => rotationInPublicity(rec(), d)),
  ).toEqual([false, true, true, false]);
  expect(rotationInPublicity(rec({ status: 'final' }), '2027-06-03')).toBe(false);
});

test('an objection is added with the teacher’s name; one per teacher; only moved teachers may object', () => {
  const added = rotationObjectionAdd(rec(), 't1', reason, at, '2027-06-03');
  expect(added).toEqual([{ teacherId: 't1', name: '张老师', text: reason, at, answer: null }]);
  const again = rotationObjectionAdd(rec({ objections: added as never }), 't1', reason, at, '2027-06-03');
  expect(again).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
  expect(rotationCanObject(rec(), 't1', '2027-06-03')).toBe(true);
  expect(rotationCanObject(rec(), 't2', '2027-06-03')).toBe(false);
  expect(rotationCanObject(rec({ objections: added as never }), 't1', '2027-06-03')).toBe(false);
});

test(`a reason needs ${OBJECTION_MIN_CHARS} characters (a Han character is one); outside the window is refused`, () => {
  const short = [...reason].slice(0, OBJECTION_MIN_CHARS - 1).join('');
  const exact = [...reason].slice(0, OBJECTION_MIN_CHARS).join('');
  expect(rotationObjectionAdd(rec(), 't1', short, at, '2027-06-03')).toMatchObject({
    code: 'INVALID_INPUT',
    message: `异议理由请至少写${OBJECTION_MIN_CHARS}个字。`,
  });
  expect(Array.isArray(rotationObjectionAdd(rec(), 't1', exact, at, '2027-06-03'))).toBe(true);
  expect(rotationObjectionAdd(rec(), 't1', reason, at, '2027-06-08')).toMatchObject({
    code: 'OUT_OF_WINDOW',
  });
});
