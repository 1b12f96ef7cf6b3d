/**
 * A registration's history entries, built in one place (shared/registration/history.ts): every
 * change of status the machine allows, notes that keep the status, the submission that starts
 * it — and nothing else (an entry the machine forbids is a bug, and is refused loudly).
 */
import { asOpenId } from '../../shared/brand';
import {
  historyActorOf,
  historyEntry,
  historyOfSubmit,
  historySystem,
} from '../../shared/registration/history';
import { registrationStatuses, registrationTransitionAllowed } from '../../shared/registration/status';

const at = '2027-05-10T02:00:00.000Z';
const parent = historyActorOf({ openid: asOpenId('o-parent'), role: 'parent' });

test('a submission is submitted by the family and routed by the system to the school, in that order', () => {
  expect(historyOfSubmit(at, parent, '城关第一小学')).toEqual([
    {
      from: null,
      to: 'submitted',
      at,
      by: { kind: 'user', openid: 'o-parent', role: 'parent' },
      reason: null,
    },
    { from: 'submitted', to: 'pending_review', at, by: historySystem, reason: '已进入城关第一小学审核队列' },
  ]);
});

test('an entry exists for exactly the changes the status machine allows, and for notes that keep the status', () => {
  for (const from of registrationStatuses)
    for (const to of registrationStatuses) {
      const build = () => historyEntry(from, to, at, parent, '说明');
      if (from === to || registrationTransitionAllowed(from, to))
        expect(build()).toEqual({ from, to, at, by: parent, reason: '说明' });
      else expect(build).toThrow(`from ${from} to ${to}`);
    }
  expect(() => historyEntry(null, 'approved', at, parent, null)).toThrow('from nothing to approved');
});

test('a review keeps its reason code and deadline; an entry without them has no such keys', () => {
  const returned = historyEntry('pending_review', 'needs_more', at, parent, '户口簿页不清楚', {
    reasonCode: 'documents_unclear',
    deadline: '2027-05-20' as never,
  });
  expect(returned).toMatchObject({ reasonCode: 'documents_unclear', deadline: '2027-05-20' });
  expect(Object.keys(historyEntry('needs_more', 'pending_review', at, parent, null)).sort()).toEqual([
    'at',
    'by',
    'from',
    'reason',
    'to',
  ]);
});
