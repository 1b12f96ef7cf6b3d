/**
 * How the season reaches the cloud functions: over the local host's HTTP API (signed-in sessions,
 * uploads to /api/files — `npm run season` and its test), or through the same dispatch path
 * in-process (the host seeding its demo county at first start). Either way every registration,
 * review and draw goes through the real functions; nothing is written to the store directly.
 */
import { asOpenId } from '../../shared/brand';
import { fail, type Envelope } from '../../shared/errors';
import type { AccountRef } from '../../shared/season/plan';
import { uploadAccept, type LocalFiles } from '../host/files';
import { hostedFunctions } from '../host/functions';
import { noMessenger } from '../runtime/context';
import { dispatch } from '../runtime/define';
import type { Store } from '../store/port';

/** Who acts in the season. */
export type SeasonActor =
  AccountRef | { readonly kind: 'bureau' } | { readonly kind: 'principal'; readonly schoolId: string };

export interface SeasonCaller {
  call<T = unknown>(fn: string, action: string, payload?: unknown): Promise<Envelope<T>>;
  upload(bytes: Uint8Array): Promise<Envelope<{ fileId: string }>>;
}

export interface SeasonTransport {
  as(who: SeasonActor): SeasonCaller;
  /** Answers with HTTP status 500 (always 0 in-process, where there is no HTTP). */
  readonly failures: () => readonly string[];
  readonly requests: () => number;
}

/** The demo principal stands for 城关第一小学; other schools get principals by invite. */
export const DEMO_PRINCIPAL_SCHOOL = 'p01';

/** Over HTTP: each account signs in on the demo page (generated ones as load accounts). */
export function seasonHttp(
  base: string,
  familyAccounts: number,
  schoolIds: readonly string[],
): SeasonTransport {
  const tokens = new Map<string, Promise<string>>();
  const failures: string[] = [];
  let requests = 0;
  const keyOf = (who: SeasonActor): string => {
    switch (who.kind) {
      case 'demo':
        return who.key;
      case 'family':
        return `load-${who.n}`;
      case 'bureau':
        return 'bureau-admin';
      case 'principal':
        return who.schoolId === DEMO_PRINCIPAL_SCHOOL
          ? 'principal-p01'
          : `load-${familyAccounts + schoolIds.indexOf(who.schoolId)}`;
    }
  };
  const post = async (path: string, body: BodyInit, headers: Record<string, string>) => {
    requests++;
    const res = await fetch(`${base}${path}`, { method: 'POST', headers, body });
    const json = (await res.json()) as Envelope<never>;
    if (res.status >= 500) failures.push(`${path} → HTTP ${res.status}`);
    return { status: res.status, json };
  };
  const token = (key: string) => {
    let t = tokens.get(key);
    if (!t) {
      t = post('/api/demo/signin', JSON.stringify({ key }), { 'content-type': 'application/json' }).then(
        ({ json: r }) => {
          if (!r.ok) throw new Error(`season: sign-in ${key} refused: ${r.message}`);
          return (r.data as unknown as { token: string }).token;
        },
      );
      tokens.set(key, t);
    }
    return t;
  };
  return {
    as(who) {
      const key = keyOf(who);
      /** Sends with the account's session; a session that expired (the clock moved on) signs in again. */
      const send = async (path: string, body: BodyInit, headers: Record<string, string>) => {
        for (let attempt = 0; ; attempt++) {
          const r = await post(path, body, { ...headers, authorization: `Bearer ${await token(key)}` });
          if (r.status !== 401 || attempt > 0) return r.json;
          tokens.delete(key);
        }
      };
      return {
        call: (fn, action, payload = {}) =>
          send(`/api/fn/${fn}`, JSON.stringify({ action, payload }), { 'content-type': 'application/json' }),
        upload: (bytes) => send('/api/files', Buffer.from(bytes), {}),
      };
    },
    failures: () => failures,
    requests: () => requests,
  };
}

/**
 * In-process, through dispatch (the path WeChat and the host share), as the host's own seeding.
 * `demoOpenids`: the demo accounts' OPENIDs by key (parent-wang, principal-p01, bureau-admin, …).
 */
export function seasonInProcess(
  store: Store,
  files: LocalFiles,
  now: () => Date,
  demoOpenids: Readonly<Record<string, string>>,
): SeasonTransport {
  const functions = hostedFunctions();
  let requests = 0;
  const openidOf = (who: SeasonActor): string => {
    switch (who.kind) {
      case 'demo':
        return demoOpenids[who.key] ?? `demo-${who.key}`;
      case 'family':
        return `season-family-${who.n}`;
      case 'bureau':
        return demoOpenids['bureau-admin'] as string;
      case 'principal':
        return who.schoolId === DEMO_PRINCIPAL_SCHOOL
          ? (demoOpenids['principal-p01'] as string)
          : `season-principal-${who.schoolId}`;
    }
  };
  return {
    as(who) {
      const openid = asOpenId(openidOf(who));
      return {
        async call(fn, action, payload = {}) {
          requests++;
          const f = functions.get(fn);
          if (!f) return fail('NOT_FOUND');
          return (await dispatch(
            f.def,
            {
              store,
              files,
              messenger: noMessenger,
              openid,
              now: now(),
              config: {
                firstAdminOpenid: demoOpenids['bureau-admin'] as string,
                subscribeTemplateId: null,
                rotationTemplateId: null,
              },
            },
            { action, payload },
          )) as Envelope<never>;
        },
        async upload(bytes) {
          requests++;
          return uploadAccept(files, store, openid, Buffer.from(bytes), now());
        },
      };
    },
    failures: () => [],
    requests: () => requests,
  };
}
