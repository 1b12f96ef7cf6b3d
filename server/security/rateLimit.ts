/**
 * Per-OPENID rate limiting (a token bucket per caller): a burst of `burst` calls, then `perSecond`
 * more each second. Over the limit the call answers RATE_LIMITED ("请稍后再试") before doing
 * anything. It caps a runaway client or a script hammering with one identity; it does not order
 * families — placement ignores submit time, so nobody gains by submitting first.
 */
export interface RateLimiter {
  /** True when the caller may go ahead now (and takes one token). */
  take(openid: string, nowMs: number): boolean;
}

export function rateLimiter(burst: number, perSecond: number): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  let sweptAt = 0;
  return {
    take(openid, now) {
      // Forget idle callers now and then so the map stays small.
      if (now - sweptAt > 60_000) {
        for (const [k, b] of buckets) if (now - b.at > 60_000) buckets.delete(k);
        sweptAt = now;
      }
      const b = buckets.get(openid) ?? { tokens: burst, at: now };
      const tokens = Math.min(burst, b.tokens + (Math.max(0, now - b.at) / 1000) * perSecond);
      if (tokens < 1) {
        buckets.set(openid, { tokens, at: now });
        return false;
      }
      buckets.set(openid, { tokens: tokens - 1, at: now });
      return true;
    },
  };
}

/** The local host's limits: room for a family filling a form quickly, not for a flood. */
export const HOST_RATE_BURST = 30;
export const HOST_RATE_PER_SECOND = 10;
