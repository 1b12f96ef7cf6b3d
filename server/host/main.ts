/** `npm run host`: starts the local cloud host and prints the URL and demo accounts. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { roleLabels } from '../../shared/identity/roles';
import { uploadLimitsFromEnv } from '../security/uploadLimits';
import { hostStart } from './app';
import { allowedHostsFromEnv, demoModeFromEnv, DemoExposedError, HostNamesMissingError } from './hostCheck';
import { DataDirLockedError } from './lock';
import { demoCounty } from './seed';

const root = resolve(__dirname, '..', '..');
const env = process.env;

async function main(): Promise<void> {
  const demo = demoModeFromEnv(env['JUNHENG_DEMO']);
  const dataDir = resolve(env['JUNHENG_DATA_DIR'] ?? join(root, '.junheng', 'data'));
  const t0 = Date.now();
  if (env['JUNHENG_EMPTY_COUNTY'] !== '1' && !existsSync(join(dataDir, 'pg')))
    console.log(
      '首次启动时生成演示县的报名季（约一分钟）… / first start plays the demo season (about a minute)…',
    );
  const host = await hostStart({
    dataDir,
    h5Dir: resolve(env['JUNHENG_H5_DIR'] ?? join(root, 'dist-h5')),
    port: Number(env['JUNHENG_PORT'] ?? 8787),
    host: env['JUNHENG_HOST'] ?? '127.0.0.1',
    loadAccounts: Number(env['JUNHENG_LOAD_ACCOUNTS'] ?? 0) || 0,
    uploads: uploadLimitsFromEnv(env),
    demo,
    allowedHosts: allowedHostsFromEnv(env['JUNHENG_ALLOWED_HOSTS']),
    // The demo county in full season at first start; JUNHENG_EMPTY_COUNTY=1 for an empty one.
    demoSeason: env['JUNHENG_EMPTY_COUNTY'] !== '1',
  });
  const lines = [
    '',
    '均衡 Junheng 本地云服务已启动 / local cloud host is up',
    `  地址 URL:        ${host.url}/`,
    `  数据目录 data:   ${dataDir}${host.seeded ? `（已生成演示县 青山县${env['JUNHENG_EMPTY_COUNTY'] === '1' ? '，空县' : '，报名季进行中'}，${Math.round((Date.now() - t0) / 1000)} 秒 / demo county seeded）` : ''}`,
    ...(demo
      ? [
          '  演示账号 demo accounts (在登录页点选 / pick one on the sign-in page):',
          ...demoCounty().accounts.map((a) => `    - ${roleLabels[a.role]}  ${a.displayName}：${a.hint}`),
        ]
      : ['  演示登录已关闭（JUNHENG_DEMO=off）/ demo sign-in is off']),
    '  按 Ctrl+C 停止 / Ctrl+C to stop',
    '',
  ];
  console.log(lines.join('\n'));
  const stop = (): void => {
    host.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  if (e instanceof DataDirLockedError) {
    console.error(e.message);
    process.exit(3);
  }
  if (e instanceof DemoExposedError || e instanceof HostNamesMissingError) {
    console.error(e.message);
    process.exit(2);
  }
  console.error(e);
  process.exit(1);
});
