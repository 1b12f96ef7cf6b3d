/**
 * Local session tokens: HMAC-SHA256 signed, expiring. Only the host can mint them (the secret
 * stays in the data directory), so a client cannot choose an identity by editing a token, a
 * header or a body field.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SessionClaims {
  readonly sub: string;
  readonly name: string;
  readonly iat: number;
  readonly exp: number;
  /** The token's own id, so sign-out can revoke exactly this token. */
  readonly jti?: string;
}

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const b64 = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

/** Loads the signing secret of a data directory, creating it on first start. */
export function sessionSecretLoad(dataDir: string): Buffer {
  const path = join(dataDir, 'session.key');
  if (!existsSync(path)) writeFileSync(path, randomBytes(32).toString('hex'), { mode: 0o600 });
  return Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
}

export function sessionSign(secret: Buffer, claims: SessionClaims): string {
  const body = b64(JSON.stringify(claims));
  return `${body}.${b64(createHmac('sha256', secret).update(body).digest())}`;
}

/** The claims of a valid, unexpired token, or null. */
export function sessionVerify(secret: Buffer, token: string, now: Date): SessionClaims | null {
  const parts = token.split('.');
  if (parts.length !== 2) return null;
  const [body, sig] = parts as [string, string];
  const want = createHmac('sha256', secret).update(body).digest();
  const got = Buffer.from(sig, 'base64url');
  if (got.length !== want.length || !timingSafeEqual(got, want)) return null;
  try {
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as SessionClaims;
    if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return null;
    return claims.exp > now.getTime() ? claims : null;
  } catch {
    return null;
  }
}

/**
 * Tokens revoked at sign-out (a replayed token is refused), kept until they would have expired
 * anyway, in the data directory so a restart keeps them.
 */
export interface Revocations {
  has(jti: string | undefined): boolean;
  revoke(jti: string, exp: number, now: number): void;
}

export function revocationsLoad(dataDir: string, now: number): Revocations {
  const path = join(dataDir, 'revoked-sessions.json');
  let map: Record<string, number> = {};
  try {
    if (existsSync(path)) map = JSON.parse(readFileSync(path, 'utf8')) as Record<string, number>;
  } catch {
    map = {};
  }
  const prune = (t: number) => {
    for (const [k, exp] of Object.entries(map)) if (exp <= t) delete map[k];
  };
  prune(now);
  return {
    has: (jti) => jti !== undefined && Object.prototype.hasOwnProperty.call(map, jti),
    revoke(jti, exp, t) {
      prune(t);
      map[jti] = exp;
      // Write then rename: a crash leaves the old list or the new one, never half of one.
      writeFileSync(`${path}.tmp`, JSON.stringify(map), { mode: 0o600 });
      renameSync(`${path}.tmp`, path);
    },
  };
}
