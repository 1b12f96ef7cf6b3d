/** Small helpers every registration action uses. */
import { asSchoolId } from '../../shared/brand';
import { fail } from '../../shared/errors';
import { settingsWithDefaults, type PolicySettings } from '../../shared/settings';
import type { FnContext } from '../runtime/context';

/** The bureau's policy settings, completed with defaults for fields added since they were saved. */
export async function settingsLoad(ctx: Pick<FnContext, 'store'>): Promise<PolicySettings | null> {
  const s = await ctx.store.getSettings();
  return s ? settingsWithDefaults(s) : null;
}

export const noSettings = () => fail('NOT_FOUND', '教育局尚未设置本年度招生政策。');

export async function schoolNameOf(ctx: Pick<FnContext, 'store'>, id: string): Promise<string> {
  return (await ctx.store.getSchool(asSchoolId(id)))?.name ?? '';
}

/** Whom a family can contact at a school: its principal (from the staff records) and township. */
export async function schoolContactOf(ctx: Pick<FnContext, 'store'>, id: string): Promise<string | null> {
  const school = await ctx.store.getSchool(asSchoolId(id));
  if (!school) return null;
  for (let offset: number | null = 0; offset !== null;) {
    const page = await ctx.store.listTeachersBySchool(school.id, { offset, limit: 100 });
    const head = page.items.find((t) => t.isPrincipal);
    if (head) return `${school.name}（${school.township}）校长${head.name}`;
    offset = page.next;
  }
  return `${school.name}（${school.township}）`;
}
