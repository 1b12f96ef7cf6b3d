/** Small helpers every registration action uses. */
import { asSchoolId } from '../../shared/brand';
import { fail } from '../../shared/errors';
import { settingsWithDefaults, type PolicySettings } from '../../shared/settings';
import type { FnContext } from '../../server/runtime/context';

/** The bureau's policy settings, completed with defaults for fields added since they were saved. */
export async function settingsLoad(ctx: Pick<FnContext, 'store'>): Promise<PolicySettings | null> {
  const s = await ctx.store.getSettings();
  return s ? settingsWithDefaults(s) : null;
}

export const noSettings = () => fail('NOT_FOUND', '教育局尚未设置本年度招生政策。');

export async function schoolNameOf(ctx: Pick<FnContext, 'store'>, id: string): Promise<string> {
  return (await ctx.store.getSchool(asSchoolId(id)))?.name ?? '';
}
