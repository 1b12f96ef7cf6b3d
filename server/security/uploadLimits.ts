/**
 * Limits on uploads per identity, beside the per-call limit of `dispatch`: a token bucket of
 * uploads (a family photographing its documents needs a burst, then a steady trickle; a script
 * posting files back to back is slowed down) and a cap on the bytes an identity keeps stored.
 * Both are settings (JUNHENG_UPLOAD_BURST, JUNHENG_UPLOAD_PER_MINUTE, JUNHENG_UPLOAD_QUOTA_MB) read
 * by the local host and by the cloud entry alike. A refused upload stores nothing.
 */
import type { OpenId } from '../../shared/brand';
import { fail, type Fail } from '../../shared/errors';
import type { Store } from '../store/port';
import { rateLimiter } from './rateLimit';

export interface UploadLimits {
  /** Uploads an identity may make at once. */
  readonly burst: number;
  /** Uploads it may make each minute after the burst. */
  readonly perMinute: number;
  /** Bytes it may keep stored (every file it uploaded and that is still kept). */
  readonly quotaBytes: number;
}

const MB = 1024 * 1024;

/**
 * Room for a family: a registration has up to nine document slots of ≤ 5 MB; twins, a retake or
 * two and a review photo stay well inside 100 MB and 20 uploads at once.
 */
export const UPLOAD_DEFAULTS: UploadLimits = { burst: 20, perMinute: 10, quotaBytes: 100 * MB };

const positive = (raw: string | undefined, fallback: number): number => {
  const n = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

/** The limits from the environment; an unset or unusable value keeps its default. */
export function uploadLimitsFromEnv(env: Readonly<Record<string, string | undefined>>): UploadLimits {
  return {
    burst: Math.floor(positive(env['JUNHENG_UPLOAD_BURST'], UPLOAD_DEFAULTS.burst)),
    perMinute: positive(env['JUNHENG_UPLOAD_PER_MINUTE'], UPLOAD_DEFAULTS.perMinute),
    quotaBytes: Math.floor(positive(env['JUNHENG_UPLOAD_QUOTA_MB'], UPLOAD_DEFAULTS.quotaBytes / MB) * MB),
  };
}

/** The limits in force where the uploads arrive (one per host or per function instance). */
export interface UploadGuard {
  readonly limits: UploadLimits;
  /** True when this identity may upload now (and uses one upload of its bucket). */
  take(owner: string, nowMs: number): boolean;
}

export function uploadGuard(limits: UploadLimits): UploadGuard {
  const bucket = rateLimiter(limits.burst, limits.perMinute / 60);
  return { limits, take: (owner, nowMs) => bucket.take(owner, nowMs) };
}

export const uploadRateRefusal = (): Fail => fail('RATE_LIMITED', '上传太频繁，请稍后再试。');

/** QUOTA_EXCEEDED when `adding` more bytes would take the identity over its quota; else null. */
export async function uploadQuotaRefusal(
  store: Store,
  owner: OpenId,
  adding: number,
  limits: UploadLimits,
): Promise<Fail | null> {
  const used = await store.fileBytesOwned(owner);
  if (used + adding <= limits.quotaBytes) return null;
  const mb = Math.round((limits.quotaBytes / MB) * 10) / 10;
  return fail(
    'QUOTA_EXCEEDED',
    `您上传的材料已达上限（每个账号共 ${mb} MB），这份文件没有保存。请放弃不用的草稿后再上传，或联系学校。`,
  );
}
