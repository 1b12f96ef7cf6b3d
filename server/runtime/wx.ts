/**
 * The WeChat cloud entry: OPENID comes from `getWXContext()` (trusted, set by WeChat), never
 * from the event; the store is the CloudBase adapter.
 */
import { randomUUID } from 'node:crypto';
import { asOpenId, type OpenId } from '../../shared/brand';
import { fail, type Envelope } from '../../shared/errors';
import { cloudbaseStore } from '../store/cloudbase';
import type { WxDatabase } from '../store/wxApi';
import {
  deployConfigFromEnv,
  type DeployConfig,
  type Downloads,
  type FileLinks,
  type Messenger,
  type PushMessage,
} from './context';
import { dispatch, type DispatchEnv, type FunctionDef } from './define';
import { HOST_RATE_BURST, HOST_RATE_PER_SECOND, rateLimiter, type RateLimiter } from '../security/rateLimit';
import { uploadGuard, uploadLimitsFromEnv, type UploadGuard } from '../security/uploadLimits';

/** getTempFileURL and deleteFile take at most this many file ids per call. */
export const WX_FILE_BATCH = 50;

/** The part of `wx-server-sdk` the entry uses (Promise-style: called without callbacks). */
export interface WxCloud {
  getWXContext(): { OPENID?: string };
  database(): unknown;
  /** The SDK types this loosely; wxMessenger narrows the one call it makes. */
  readonly openapi: Readonly<Record<string, unknown>>;
  getTempFileURL(options: {
    fileList: string[];
  }): Promise<{ fileList: { fileID?: string; tempFileURL?: string; status?: number }[] }> | void;
  deleteFile(options: {
    fileList: string[];
  }): Promise<{ fileList: { fileID?: string; status?: number }[] }> | void;
  uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }> | void;
}

const chunks = <T>(list: readonly T[], n: number): T[][] =>
  Array.from({ length: Math.ceil(list.length / n) }, (_, i) => list.slice(i * n, i * n + n));

/** Cloud storage links: temporary URLs from getTempFileURL (storage rules keep files private). */
const wxFileLinks = (cloud: WxCloud): FileLinks => ({
  async link(fileId) {
    const res = await cloud.getTempFileURL({ fileList: [fileId] });
    return res?.fileList[0]?.tempFileURL ?? '';
  },
  async remove(fileId) {
    const res = await cloud.deleteFile({ fileList: [fileId] });
    return res?.fileList[0]?.status === 0;
  },
  async removeMany(fileIds) {
    // deleteFile takes 50 ids a call; the calls go out together.
    const done = await Promise.all(
      chunks(fileIds, WX_FILE_BATCH).map(async (list) => {
        const res = await cloud.deleteFile({ fileList: list });
        return (res?.fileList ?? []).filter((f) => f.status === 0).length;
      }),
    );
    return done.reduce((a, n) => a + n, 0);
  },
});

/**
 * Files a function hands out (exports, frozen lists, draw records): written to cloud storage and
 * answered with a temporary link, since a function's result is capped at 1 MB.
 */
const wxDownloads = (cloud: WxCloud): Downloads => ({
  async publish(fileName, bytes, now) {
    const day = now.toISOString().slice(0, 10);
    const up = await cloud.uploadFile({
      cloudPath: `exports/${day}/${randomUUID()}/${fileName}`,
      fileContent: bytes,
    });
    if (!up) throw new Error('uploadFile returned nothing');
    const res = await cloud.getTempFileURL({ fileList: [up.fileID] });
    const url = res?.fileList[0]?.tempFileURL;
    if (!url) throw new Error('getTempFileURL returned no link');
    return { fileName, url };
  },
});

interface SubscribeMessageApi {
  send(options: {
    touser: string;
    templateId: string;
    page: string;
    data: PushMessage['data'];
  }): Promise<unknown>;
}

/** Subscribe messages through cloud.openapi (needs "subscribeMessage.send" in config.json). */
const wxMessenger = (cloud: WxCloud): Messenger => ({
  async send(m) {
    try {
      const api = cloud.openapi['subscribeMessage'] as SubscribeMessageApi;
      await api.send({ touser: m.openid, templateId: m.templateId, page: m.page, data: m.data });
      return true;
    } catch (e) {
      console.error('[subscribeMessage]', e);
      return false;
    }
  },
});

/** What a call runs with in WeChat: the CloudBase store, storage, subscribe messages. */
export function wxEnv(
  cloud: WxCloud,
  openid: OpenId,
  now: Date,
  config: DeployConfig,
  guards: { readonly limiter?: RateLimiter; readonly uploads?: UploadGuard } = {},
): DispatchEnv {
  return {
    store: cloudbaseStore(cloud.database() as WxDatabase),
    files: wxFileLinks(cloud),
    downloads: wxDownloads(cloud),
    messenger: wxMessenger(cloud),
    openid,
    now,
    config,
    ...guards,
  };
}

export function wxMain(cloud: WxCloud, fn: FunctionDef): (event: unknown) => Promise<Envelope<unknown>> {
  // Per function instance: WeChat keeps a warm instance's module state between calls, so one
  // OPENID hammering an instance is slowed down here. Not shared between instances (that would
  // cost a database write per call); docs/cloud.md says so.
  const limiter = rateLimiter(HOST_RATE_BURST, HOST_RATE_PER_SECOND);
  const uploads = uploadGuard(uploadLimitsFromEnv(process.env));
  return async (event) => {
    const { OPENID } = cloud.getWXContext();
    if (!OPENID) return fail('UNAUTHENTICATED');
    return dispatch(
      fn,
      wxEnv(cloud, asOpenId(OPENID), new Date(), deployConfigFromEnv(process.env), { limiter, uploads }),
      event,
    );
  };
}
