/**
 * Who made each of a child's registrations, for the bureau's look-up by the child's ID number
 * (冒名或误报): the account that submitted it, named 报名账号一, 二, … in the order first seen (an
 * OPENID is a code, never shown), and the guardian it names with a masked mobile. Two registrations
 * from one account carry the same name, so the officer can tell a family's own second form from a
 * stranger's.
 */
import { maskMobile } from './view';
import type { Registration } from './types';

const numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export function registrationsMadeBy(regs: readonly Registration[]): string[] {
  const accounts = new Map<string, number>();
  return regs.map((r) => {
    if (!accounts.has(r.ownerOpenid)) accounts.set(r.ownerOpenid, accounts.size);
    const n = accounts.get(r.ownerOpenid) as number;
    const account = `报名账号${numerals[n] ?? String(n + 1)}`;
    const g = r.form.guardians[0];
    return g ? `${account}，填写的监护人：${g.relation} ${g.name}，手机 ${maskMobile(g.mobile)}` : account;
  });
}
