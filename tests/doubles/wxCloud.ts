/**
 * TEST DOUBLE of the rest of wx-server-sdk a function touches — not WeChat. getWXContext() gives
 * the invocation's OPENID; database() is the database double configured from docs/cloud.md;
 * storage keeps files in memory (getTempFileURL and deleteFile take at most 50 ids per call);
 * openapi.subscribeMessage.send checks template fields as WeChat does and refuses (47003) what
 * WeChat would refuse. `invoke` runs a function's `main` as the platform does: a request over
 * 6 MB never reaches it, it is killed at its config.json timeout, and a result over 1 MB fails
 * (-604001).
 */
import { randomUUID } from 'node:crypto';
import type { WxCloud } from '../../server/runtime/wx';
import { cloudDocsRead, functionConfigsRead } from './cloudDocs';
import {
  FunctionTimeout,
  invocationCurrent,
  invocationNew,
  invocationRun,
  roundTrip,
  type Invocation,
} from './wxClock';
import { byteSize } from './wxQuery';
import {
  WX_REQUEST_MAX_BYTES,
  wxDatabaseDouble,
  type WxDatabaseDouble,
  type WxDatabaseOptions,
} from './wxDatabase';

export const WX_RESULT_MAX_BYTES = 1024 * 1024;
const FILE_BATCH_MAX = 50;

const wxError = (errCode: number, errMsg: string) => Object.assign(new Error(errMsg), { errCode, errMsg });

export interface SentMessage {
  readonly touser: string;
  readonly templateId: string;
  readonly page: string;
  readonly data: Readonly<Record<string, { readonly value: string }>>;
}

/** WeChat's rules for template field values, by the field's kind (the key without its number). */
export function subscribeFieldProblem(key: string, value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0) return `data.${key}.value is empty`;
  const kind = key.replace(/\d+$/, '');
  const chars = [...value];
  const han = /^\p{Script=Han}+$/u;
  const ok = (() => {
    switch (kind) {
      case 'thing':
        return chars.length <= 20;
      case 'name':
        // 10 Han characters (mixed with letters counts as Chinese), or 20 letters/symbols.
        if (/\p{Script=Han}/u.test(value))
          return chars.length <= 10 && /^[\p{Script=Han}A-Za-z]+$/u.test(value);
        return chars.length <= 20 && /^[A-Za-z .·'-]+$/.test(value);
      case 'phrase':
        return chars.length <= 5 && han.test(value);
      case 'time':
        return /^(\d{4}年\d{1,2}月\d{1,2}日 )?([01]?\d|2[0-3]):[0-5]\d$/.test(value);
      case 'date':
        return /^\d{4}年\d{1,2}月\d{1,2}日( ([01]?\d|2[0-3]):[0-5]\d)?$/.test(value);
      case 'number':
        return /^\d{1,32}(\.\d+)?$/.test(value);
      case 'character_string':
        return chars.length <= 32 && /^[\x21-\x7e]+$/.test(value);
      default:
        return false;
    }
  })();
  return ok ? null : `argument invalid! data.${key}.value invalid`;
}

export interface StorageDouble {
  /** Bytes of a stored file, by fileID or by a temporary URL handed out for it. */
  read(fileIdOrUrl: string): Buffer | null;
  has(fileId: string): boolean;
  /** Puts a file in storage (as a phone's wx.cloud.uploadFile does). */
  put(fileId: string, bytes: Buffer): void;
  readonly calls: { upload: number; link: number; delete: number };
}

export interface CloudDouble {
  readonly db: WxDatabaseDouble;
  readonly storage: StorageDouble;
  /** Subscribe messages WeChat accepted. */
  readonly sent: SentMessage[];
  /** Subscribe messages WeChat refused, with its reason. */
  readonly refused: { message: SentMessage; errCode: number; errMsg: string }[];
  /** Test hook: WeChat refuses the next send with this error (43101: the user has no quota). */
  refuseNextSend(errCode: number): void;
  /** The `wx-server-sdk` module as a bundle or wxMain sees it. */
  readonly sdk: WxCloud & { init(): void; DYNAMIC_CURRENT_ENV: symbol };
  /**
   * Calls a function as the platform does. `error` is what callFunction reports when the platform
   * (not the function) fails the call: too big a request or result, or a timeout.
   */
  invoke(
    fn: string,
    main: (event: unknown) => Promise<unknown>,
    event: unknown,
    openid: string | undefined,
  ): Promise<{ result?: unknown; error?: { errCode: number; errMsg: string }; inv: Invocation }>;
  /** Each function's timeout (ms), from its config.json. */
  readonly timeoutsMs: Readonly<Record<string, number>>;
}

export type CloudDoubleOptions = Partial<Omit<WxDatabaseOptions, 'collections' | 'indexes'>> & {
  /** Override the documented collections (e.g. to show what a missing one does). */
  readonly collections?: WxDatabaseOptions['collections'];
  /** false: do not refuse queries no documented index serves. */
  readonly checkIndexes?: boolean;
  /** Told of each message WeChat accepted, and of each file deleted from storage. */
  readonly onSent?: (m: SentMessage) => void;
  readonly onDeleted?: (fileId: string) => void;
};

export function cloudDouble(options: CloudDoubleOptions = {}): CloudDouble {
  const docs = cloudDocsRead();
  const db = wxDatabaseDouble({
    ...options,
    collections: options.collections ?? docs.collections,
    ...(options.checkIndexes === false ? {} : { indexes: docs.indexes }),
  });
  const rt = { roundTripMs: options.roundTripMs ?? 30, latencyMs: options.latencyMs ?? 0 };
  const files = new Map<string, Buffer>();
  const urls = new Map<string, string>();
  const calls = { upload: 0, link: 0, delete: 0 };
  const sent: SentMessage[] = [];
  const refused: CloudDouble['refused'] = [];
  const refusing: number[] = [];
  const api = <T>(work: () => T) => roundTrip(rt, 'api', work);
  const batch = (list: readonly string[], what: string) => {
    if (list.length > FILE_BATCH_MAX)
      throw wxError(-501007, `${what}: at most ${FILE_BATCH_MAX} files per call`);
  };

  const storage: StorageDouble = {
    read: (x) => files.get(urls.get(x) ?? x) ?? null,
    has: (id) => files.has(id),
    put: (id, bytes) => void files.set(id, bytes),
    calls,
  };

  const sdk: CloudDouble['sdk'] = {
    DYNAMIC_CURRENT_ENV: Symbol('DYNAMIC_CURRENT_ENV'),
    init: () => undefined,
    getWXContext: () => ({ OPENID: invocationCurrent()?.openid }),
    database: () => db,
    openapi: {
      subscribeMessage: {
        send: (m: SentMessage) =>
          api(() => {
            const problem =
              (m.touser ? null : 'touser is empty') ??
              (m.templateId ? null : 'template_id is empty') ??
              Object.entries(m.data)
                .map(([k, v]) => subscribeFieldProblem(k, v?.value))
                .find((p) => p !== null) ??
              null;
            const errCode = problem ? 47003 : refusing.shift();
            if (errCode !== undefined) {
              const errMsg = problem ?? `refused (${errCode})`;
              refused.push({ message: m, errCode, errMsg });
              throw wxError(errCode, `openapi.subscribeMessage.send:fail ${errCode} ${errMsg}`);
            }
            sent.push(structuredClone(m));
            options.onSent?.(structuredClone(m));
            return { errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' };
          }),
      },
    },
    uploadFile: ({ cloudPath, fileContent }) =>
      api(() => {
        calls.upload++;
        const fileID = `cloud://env-test.bucket/${cloudPath}`;
        files.set(fileID, Buffer.from(fileContent));
        return { fileID };
      }),
    getTempFileURL: ({ fileList }) =>
      api(() => {
        calls.link++;
        batch(fileList, 'getTempFileURL');
        return {
          // A link is signed without looking the file up.
          fileList: fileList.map((fileID) => {
            const url = `https://tmp.example/${randomUUID()}`;
            urls.set(url, fileID);
            return { fileID, status: 0, tempFileURL: url };
          }),
        };
      }),
    deleteFile: ({ fileList }) =>
      api(() => {
        calls.delete++;
        batch(fileList, 'deleteFile');
        return {
          fileList: fileList.map((fileID) => {
            options.onDeleted?.(fileID);
            return { fileID, status: files.delete(fileID) ? 0 : -503003 };
          }),
        };
      }),
  };

  const timeoutsMs = Object.fromEntries(functionConfigsRead().map((c) => [c.name, c.timeout * 1000]));

  return {
    db,
    storage,
    sent,
    refused,
    refuseNextSend: (errCode) => void refusing.push(errCode),
    sdk,
    timeoutsMs,
    async invoke(fn, main, event, openid) {
      const inv = invocationNew(fn, timeoutsMs[fn] ?? 3000, openid);
      if (byteSize(event) > WX_REQUEST_MAX_BYTES)
        return { error: { errCode: -501007, errMsg: 'request exceeds 6 MB (callFunction refused)' }, inv };
      try {
        const result = await invocationRun(inv, () => main(event));
        if (inv.killed) throw new FunctionTimeout(inv);
        if (byteSize(result) > WX_RESULT_MAX_BYTES)
          return { error: { errCode: -604001, errMsg: 'cloudfunction result size exceed limit (1MB)' }, inv };
        return { result, inv };
      } catch (e) {
        if (e instanceof FunctionTimeout) return { error: { errCode: e.errCode, errMsg: e.message }, inv };
        throw e;
      }
    },
  };
}
