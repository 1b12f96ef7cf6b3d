/**
 * Who may reach the local host, and by what name. Demo sign-in hands out any account — the
 * bureau's too — to whoever reaches the port, so it runs only in demo mode and only on a loopback
 * address; and every request must name this host in its Host header, so a web page on another
 * site cannot reach it through DNS rebinding (a name that first points elsewhere, then at
 * 127.0.0.1) from a browser on the same machine.
 */
import { isIP } from 'node:net';

/** The host was asked to serve demo sign-in on an address others can reach. */
export class DemoExposedError extends Error {
  constructor(readonly host: string) {
    super(
      `演示模式下不能监听 ${host}：演示登录页可以让任何人以任何演示账号（包括教育局管理员）登录。` +
        `请监听本机地址（JUNHENG_HOST=127.0.0.1），或设置 JUNHENG_DEMO=off 关闭演示登录。\n` +
        `Refusing to start: demo sign-in on a non-loopback address (${host}) lets anyone who reaches ` +
        `the port sign in as any demo account. Bind 127.0.0.1 or set JUNHENG_DEMO=off.`,
    );
    this.name = 'DemoExposedError';
  }
}

/** The host listens on every address and was told no name to be reached by. */
export class HostNamesMissingError extends Error {
  constructor(readonly host: string) {
    super(
      `监听 ${host}（所有网卡）时须用 JUNHENG_ALLOWED_HOSTS 写明访问本服务所用的主机名（逗号分隔），` +
        `其他主机名的请求一律拒绝。\n` +
        `Listening on ${host} needs JUNHENG_ALLOWED_HOSTS: the host names clients use to reach it.`,
    );
    this.name = 'HostNamesMissingError';
  }
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

export const isLoopback = (host: string): boolean =>
  host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);

const isWildcard = (host: string): boolean =>
  host === '0.0.0.0' || host === '::' || host === '[::]' || host === '';

/** A host name as it appears in a Host header: lower case, IPv6 in brackets. */
const nameOf = (host: string): string => {
  const h = host.trim().toLowerCase();
  return isIP(h) === 6 ? `[${h}]` : h;
};

/**
 * Refuses a configuration that would expose demo sign-in or could not name itself; returns the
 * names a request's Host header may carry. Only the name matters against DNS rebinding (the
 * attacker's page carries the attacker's name); the port may differ behind a proxy.
 */
export function hostNamesAllowed(bindHost: string, demo: boolean, allowedHosts: readonly string[]): string[] {
  if (demo && !isLoopback(bindHost)) throw new DemoExposedError(bindHost);
  const extra = allowedHosts.map(nameOf).filter((h) => h !== '');
  if (isLoopback(bindHost)) return [...new Set([...LOOPBACK_NAMES, nameOf(bindHost), ...extra])];
  if (isWildcard(bindHost)) {
    if (extra.length === 0) throw new HostNamesMissingError(bindHost);
    return extra;
  }
  return [...new Set([nameOf(bindHost), ...extra])];
}

/** Whether a Host header names this host (one of `names`, with or without a port). */
export function hostHeaderAllowed(header: string | undefined, names: readonly string[]): boolean {
  if (!header) return false;
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::\d{1,5})?$/i.exec(header.trim());
  return m !== null && names.includes((m[1] as string).toLowerCase());
}

/** Reads the demo-mode setting: on unless JUNHENG_DEMO is off / 0 / false / no. */
export const demoModeFromEnv = (value: string | undefined): boolean =>
  !['off', '0', 'false', 'no'].includes((value ?? '').trim().toLowerCase());

/** Reads JUNHENG_ALLOWED_HOSTS: comma-separated host names. */
export const allowedHostsFromEnv = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
