/** Calls cloud functions through `dispatch` (the path WeChat and the local host both take). */
import { asOpenId } from '../../shared/brand';
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
  call<T = unknown>(openid: string, fn: string, action: string, payload?: unknown): Promise<Envelope<T>>;
  /** Sends a whole raw event (to test what the entry does with extra fields). */
  event<T = unknown>(openid: string, fn: string, event: unknown): Promise<Envelope<T>>;
  /** Like call, but throws unless ok, returning data. */
  data<T = unknown>(openid: string, fn: string, action: string, payload?: unknown): Promise<T>;
}

export async function harnessOpen(now: Date, store?: Store): Promise<Harness> {
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
    call: (openid, fn, action, payload) =>
      h.event(openid, fn, payload === undefined ? { action } : { action, payload }),
    async data(openid, fn, action, payload) {
      const r = await h.call(openid, fn, action, payload);
      if (!r.ok) throw new Error(`${fn}.${action}: ${r.code} ${r.message}`);
      return r.data as never;
    },
  };
  return h;
}

export const PARENT = 'demo-parent-wang';
export const OTHER_PARENT = 'demo-parent-li';
export const PRINCIPAL = 'demo-principal-p01';
export const TEACHER = 'demo-teacher-p01';
export const ADMIN = DEMO_ADMIN_OPENID;
