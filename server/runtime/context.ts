/** What every cloud-function action receives: the store, the trusted caller, "now", config. */
import type { FileDownload } from '../../shared/download';
import type { Caller } from '../../shared/identity/roles';
import type { UploadGuard } from '../security/uploadLimits';
import type { Store } from '../store/port';

export interface DeployConfig {
  /** The OPENID that becomes the first bureau admin (deployment config, not a request field). */
  readonly firstAdminOpenid: string | null;
  /** The subscribe-message template for registration updates (set up in the WeChat console). */
  readonly subscribeTemplateId: string | null;
  /** The subscribe-message template for rotation notices to teachers (公示, final notice). */
  readonly rotationTemplateId: string | null;
}

/** A WeChat subscribe message: template fields as WeChat expects them ({ key: { value } }). */
export interface PushMessage {
  readonly openid: string;
  readonly templateId: string;
  readonly page: string;
  readonly data: Readonly<Record<string, { readonly value: string }>>;
}

/** Sends subscribe messages; true when WeChat accepted the message. */
export interface Messenger {
  send(m: PushMessage): Promise<boolean>;
}

/** Where there is no WeChat (the local host): nothing is pushed, the in-app inbox is the channel. */
export const noMessenger: Messenger = { send: async () => false };

/** Turns a stored file id into a short-lived link the caller's browser or phone can open. */
export interface FileLinks {
  link(fileId: string, now: Date): Promise<string>;
  /** Deletes a stored file's bytes (retention, a discarded draft); true when it existed. */
  remove(fileId: string): Promise<boolean>;
  /** Deletes many files in as few calls as storage allows (50 a call in WeChat); how many existed. */
  removeMany?(fileIds: readonly string[]): Promise<number>;
}

/** Where a function puts a file it hands out (cloud storage in WeChat); absent: inline. */
export interface Downloads {
  publish(fileName: string, bytes: Buffer, now: Date): Promise<FileDownload>;
}

export interface FnContext {
  readonly store: Store;
  readonly files: FileLinks;
  readonly downloads?: Downloads;
  readonly messenger: Messenger;
  readonly caller: Caller;
  readonly now: Date;
  readonly config: DeployConfig;
  /**
   * Set when the call carries a requestId (an idempotent action): the action may store its answer
   * together with its last write (`finishedWith`), so no crash can fall between the two; dispatch
   * stores it afterwards otherwise.
   */
  readonly idempotency?: IdempotencyHandle;
  /** Upload limits where files are registered (registerCloudFile); absent: defaults, no rate limit. */
  readonly uploads?: UploadGuard;
}

export interface IdempotencyHandle {
  readonly key: string;
  /** Tells dispatch the answer was stored with the action's write (the very object returned). */
  finishedWith(response: unknown): void;
}

/** Reads deployment config from the function's environment variables. */
export function deployConfigFromEnv(env: Readonly<Record<string, string | undefined>>): DeployConfig {
  const first = env['JUNHENG_FIRST_ADMIN_OPENID']?.trim();
  const template = env['JUNHENG_SUBSCRIBE_TEMPLATE_ID']?.trim();
  const rotation = env['JUNHENG_ROTATION_TEMPLATE_ID']?.trim();
  return {
    firstAdminOpenid: first ? first : null,
    subscribeTemplateId: template ? template : null,
    rotationTemplateId: rotation ? rotation : null,
  };
}
