/**
 * Calls cloud functions through `dispatch` (the path WeChat and the local host both take): on
 * PGlite by default, or — with JUNHENG_TEST_STORE=cloud (the "cloud" jest project), or through
 * harnessOpenCloud — as WeChat runs them: the CloudBase adapter on the strict SDK double, each call
 * an invocation with its function's timeout and the platform's request and result limits.
 */
import { asOpenId } from '../../shared/brand';
import type { ActionName, AnswerOf, FunctionName } from '../../shared/api/functions';
import type { Envelope } from '../../shared/errors';
import { authFunction } from '../../cloudfunctions/auth/handler';
import { countyFunction } from '../../cloudfunctions/county/handler';
import { classingFunction } from '../../cloudfunctions/classing/handler';
import { rotationFunction } from '../../cloudfunctions/rotation/handler';
import { placementFunction } from '../../cloudfunctions/placement/handler';
import { registrationFunction } from '../../cloudfunctions/registration/handler';
import { reportsFunction } from '../../cloudfunctions/reports/handler';
import { demoSeed, DEMO_ADMIN_OPENID } from '../../server/host/seed';
import type { PushMessage } from '../../server/runtime/context';
import type { UploadGuard } from '../../server/security/uploadLimits';
import { dispatch, type FunctionDef } from '../../server/runtime/define';
import { wxEnv } from '../../server/runtime/wx';
import { cloudbaseStore } from '../../server/store/cloudbase';
import type { FileDownload } from '../../shared/download';
import { fail } from '../../shared/errors';
import { cloudDouble, type CloudDouble, type CloudDoubleOptions } from '../doubles/wxCloud';
import type { Invocation } from '../doubles/wxClock';
import { pgliteStoreOpen } from '../../server/store/pglite';
import type { Store } from '../../server/store/port';

const fns: Record<string, FunctionDef> = {
  auth: authFunction,
  county: countyFunction,
  placement: placementFunction,
  classing: classingFunction,
  rotation: rotationFunction,
  registration: registrationFunction,
  reports: reportsFunction,
};

export interface Harness {
  readonly store: Store;
  now: Date;
  /** Deployment config's subscribe template (null: none configured). */
  templateId: string | null;
  rotationTemplateId: string | null;
  /** Upload limits handed to the functions (registerCloudFile); undefined: the defaults, no rate. */
  uploads: UploadGuard | undefined;
  /** Files the functions deleted (a recording stand-in for storage). */
  readonly removed: string[];
  /** Subscribe messages "sent" (a recording messenger stands in for WeChat). */
  readonly pushed: PushMessage[];
  /** Typed by the function's contract (shared/api/) when the function and action are named literally. */
  call<F extends FunctionName, A extends ActionName<F>>(
    openid: string,
    fn: F,
    action: A,
    payload?: unknown,
  ): Promise<Envelope<AnswerOf<F, A>>>;
  call<T = unknown>(openid: string, fn: string, action: string, payload?: unknown): Promise<Envelope<T>>;
  /** Sends a whole raw event (to test what the entry does with extra fields). */
  event<T = unknown>(openid: string, fn: string, event: unknown): Promise<Envelope<T>>;
  /** Like call, but throws unless ok, returning data. */
  data<F extends FunctionName, A extends ActionName<F>>(
    openid: string,
    fn: F,
    action: A,
    payload?: unknown,
  ): Promise<AnswerOf<F, A>>;
  data<T = unknown>(openid: string, fn: string, action: string, payload?: unknown): Promise<T>;
  /** The bytes of a file a function handed out (inline here, from storage on the SDK double). */
  download(file: FileDownload): Buffer;
}

/** A harness on the SDK double, with the double and the last invocation for inspection. */
export interface CloudHarness extends Harness {
  readonly cloud: CloudDouble;
  /** The last call's invocation (round trips, simulated time) and any platform error. */
  last: { inv: Invocation; error?: { errCode: number; errMsg: string } } | null;
}

/** `call` over a harness's `event` (one body for both overloads). */
const callVia =
  (h: () => Harness): Harness['call'] =>
  (openid: string, fn: string, action: string, payload?: unknown) =>
    h().event(openid, fn, payload === undefined ? { action } : { action, payload }) as never;

/** `data` over a harness's `call`: throws unless ok. */
const dataVia =
  (h: () => Harness): Harness['data'] =>
  async (openid: string, fn: string, action: string, payload?: unknown) => {
    const r = await h().call(openid, fn, action, payload);
    if (!r.ok) throw new Error(`${fn}.${action}: ${r.code} ${r.message}`);
    return r.data as never;
  };

export const cloudTestsOn = (): boolean => process.env['JUNHENG_TEST_STORE'] === 'cloud';

export async function harnessOpen(now: Date, store?: Store): Promise<Harness> {
  if (!store && cloudTestsOn()) return harnessOpenCloud(now);
  const s = store ?? (await pgliteStoreOpen(null));
  await demoSeed(s, now);
  const h: Harness = {
    store: s,
    now,
    templateId: null,
    rotationTemplateId: null,
    uploads: undefined,
    pushed: [],
    removed: [],
    event: (openid, fn, event) =>
      dispatch(
        fns[fn] as FunctionDef,
        {
          store: s,
          files: { link: async (id) => `/test-link/${id}`, remove: async (id) => (h.removed.push(id), true) },
          messenger: { send: async (m) => (h.pushed.push(m), true) },
          openid: asOpenId(openid),
          now: h.now,
          config: {
            firstAdminOpenid: DEMO_ADMIN_OPENID,
            subscribeTemplateId: h.templateId,
            rotationTemplateId: h.rotationTemplateId,
          },
          ...(h.uploads ? { uploads: h.uploads } : {}),
        },
        event,
        (e) => (process.env['JUNHENG_TEST_BUGS'] ? console.error(e) : undefined),
      ) as Promise<Envelope<never>>,
    call: callVia(() => h),
    data: dataVia(() => h),
    download(file) {
      if (file.base64 === undefined) throw new Error(`${file.fileName}: expected inline content`);
      return Buffer.from(file.base64, 'base64');
    },
  };
  return h;
}

export const PARENT = 'demo-parent-wang';
export const OTHER_PARENT = 'demo-parent-li';
export const PRINCIPAL = 'demo-principal-p01';
export const TEACHER = 'demo-teacher-p01';
export const ADMIN = DEMO_ADMIN_OPENID;

export async function harnessOpenCloud(now: Date, options: CloudDoubleOptions = {}): Promise<CloudHarness> {
  const h = {} as CloudHarness;
  const cloud = cloudDouble({
    // A little of what the network does to every call: a call in 200 throttled, a write in 200
    // landing with its reply lost (seeded, so a run repeats).
    throttleRate: 0.005,
    lostReplyRate: 0.005,
    ...options,
    onSent: (m) => h.pushed.push({ openid: m.touser, templateId: m.templateId, page: m.page, data: m.data }),
    onDeleted: (id) => h.removed.push(id),
  });
  const store = cloudbaseStore(cloud.db);
  await demoSeed(store, now);
  Object.assign(h, {
    store,
    cloud,
    now,
    templateId: null,
    rotationTemplateId: null,
    uploads: undefined,
    pushed: [],
    removed: [],
    last: null,
    async event(openid: string, fn: string, event: unknown) {
      const main = (e: unknown) =>
        dispatch(
          fns[fn] as FunctionDef,
          wxEnv(
            cloud.sdk,
            asOpenId(openid),
            h.now,
            {
              firstAdminOpenid: DEMO_ADMIN_OPENID,
              subscribeTemplateId: h.templateId,
              rotationTemplateId: h.rotationTemplateId,
            },
            h.uploads ? { uploads: h.uploads } : {},
          ),
          e,
          (err) => (process.env['JUNHENG_TEST_BUGS'] ? console.error(err) : undefined),
        );
      const res = await cloud.invoke(fn, main, event, openid);
      h.last = res.error ? { inv: res.inv, error: res.error } : { inv: res.inv };
      // The platform failed the call (too big, too slow): the client sees an error, not an answer.
      if (res.error) return fail('INTERNAL', `[platform ${res.error.errCode}] ${res.error.errMsg}`);
      return res.result as never;
    },
  });
  h.call = callVia(() => h);
  h.download = (file) => {
    // In WeChat a function's file is a temporary link to cloud storage, never inline.
    if (file.url === undefined) throw new Error(`${file.fileName}: inline in a cloud answer`);
    const bytes = cloud.storage.read(file.url);
    if (!bytes) throw new Error(`${file.fileName}: no such file in storage`);
    return bytes;
  };
  h.data = dataVia(() => h);
  return h;
}
