/** What every cloud-function action receives: the store, the trusted caller, "now", config. */
import type { Caller } from '../../shared/identity/roles';
import type { Store } from '../store/port';

export interface DeployConfig {
  /** The OPENID that becomes the first bureau admin (deployment config, not a request field). */
  readonly firstAdminOpenid: string | null;
}

/** Turns a stored file id into a short-lived link the caller's browser or phone can open. */
export interface FileLinks {
  link(fileId: string, now: Date): Promise<string>;
}

export interface FnContext {
  readonly store: Store;
  readonly files: FileLinks;
  readonly caller: Caller;
  readonly now: Date;
  readonly config: DeployConfig;
}

/** Reads deployment config from the function's environment variables. */
export function deployConfigFromEnv(env: Readonly<Record<string, string | undefined>>): DeployConfig {
  const first = env['JUNHENG_FIRST_ADMIN_OPENID']?.trim();
  return { firstAdminOpenid: first ? first : null };
}
