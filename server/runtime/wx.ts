/**
 * The WeChat cloud entry: OPENID comes from `getWXContext()` (trusted, set by WeChat), never
 * from the event; the store is the CloudBase adapter.
 */
import { asOpenId } from '../../shared/brand';
import { fail, type Envelope } from '../../shared/errors';
import { cloudbaseStore, type WxDatabase } from '../store/cloudbase';
import { deployConfigFromEnv, type FileLinks } from './context';
import { dispatch, type FunctionDef } from './define';

/** The part of `wx-server-sdk` the entry uses. */
export interface WxCloud {
  getWXContext(): { OPENID?: string };
  database(): unknown;
  /** Promise-style when called without callbacks (the SDK types it as Promise | void). */
  getTempFileURL(options: { fileList: string[] }): Promise<{ fileList: { tempFileURL?: string }[] }> | void;
}

/** Cloud storage links: temporary URLs from getTempFileURL (storage rules keep files private). */
const wxFileLinks = (cloud: WxCloud): FileLinks => ({
  async link(fileId) {
    const res = await cloud.getTempFileURL({ fileList: [fileId] });
    return res?.fileList[0]?.tempFileURL ?? '';
  },
});

export function wxMain(cloud: WxCloud, fn: FunctionDef): (event: unknown) => Promise<Envelope<unknown>> {
  return async (event) => {
    const { OPENID } = cloud.getWXContext();
    if (!OPENID) return fail('UNAUTHENTICATED');
    return dispatch(
      fn,
      {
        store: cloudbaseStore(cloud.database() as WxDatabase),
        files: wxFileLinks(cloud),
        openid: asOpenId(OPENID),
        now: new Date(),
        config: deployConfigFromEnv(process.env),
      },
      event,
    );
  };
}
