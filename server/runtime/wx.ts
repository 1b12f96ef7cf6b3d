/**
 * The WeChat cloud entry: OPENID comes from `getWXContext()` (trusted, set by WeChat), never
 * from the event; the store is the CloudBase adapter.
 */
import { asOpenId } from '../../shared/brand';
import { fail, type Envelope } from '../../shared/errors';
import { cloudbaseStore, type WxDatabase } from '../store/cloudbase';
import { deployConfigFromEnv, type FileLinks, type Messenger, type PushMessage } from './context';
import { dispatch, type FunctionDef } from './define';
import { HOST_RATE_BURST, HOST_RATE_PER_SECOND, rateLimiter } from '../security/rateLimit';
import { uploadGuard, uploadLimitsFromEnv } from '../security/uploadLimits';

/** The part of `wx-server-sdk` the entry uses. */
export interface WxCloud {
  getWXContext(): { OPENID?: string };
  database(): unknown;
  /** Promise-style when called without callbacks (the SDK types it as Promise | void). */
  /** The SDK types this loosely; wxMessenger narrows the one call it makes. */
  readonly openapi: Readonly<Record<string, unknown>>;
  getTempFileURL(options: { fileList: string[] }): Promise<{ fileList: { tempFileURL?: string }[] }> | void;
  deleteFile(options: { fileList: string[] }): Promise<{ fileList: { status?: number }[] }> | void;
}

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
      {
        store: cloudbaseStore(cloud.database() as WxDatabase),
        files: wxFileLinks(cloud),
        messenger: wxMessenger(cloud),
        openid: asOpenId(OPENID),
        now: new Date(),
        config: deployConfigFromEnv(process.env),
        limiter,
        uploads,
      },
      event,
    );
  };
}
