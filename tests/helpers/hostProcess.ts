/** Runs the local host as a real child process (for lock and crash tests). */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');

export interface HostProcess {
  readonly child: ChildProcess;
  readonly url: string;
  output(): string;
}

/** Starts `node --import tsx server/host/main.ts` and waits for its URL line. */
export function hostSpawn(
  dataDir: string,
  port = 0,
  h5Dir = resolve(root, 'dist-h5'),
  extraEnv: Readonly<Record<string, string>> = {},
): Promise<HostProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/host/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      JUNHENG_DATA_DIR: dataDir,
      JUNHENG_PORT: String(port),
      JUNHENG_H5_DIR: h5Dir,
      // An empty demo county: these tests bring their own registrations.
      JUNHENG_EMPTY_COUNTY: '1',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((ok, ko) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) ok({ child, url: m[1] as string, output: () => out });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => ko(Object.assign(new Error(`host exited ${code}: ${out}`), { code, out })));
  });
}

/** Runs the host expecting it to refuse to start; resolves with exit code and output. */
export function hostSpawnRefused(dataDir: string): Promise<{ code: number | null; out: string }> {
  return hostSpawn(dataDir).then(
    (h) => {
      h.child.kill('SIGKILL');
      throw new Error('host started but should have refused');
    },
    (e: { code: number | null; out: string }) => ({ code: e.code, out: e.out }),
  );
}

export function exited(child: ChildProcess): Promise<void> {
  return new Promise((ok) => {
    if (child.exitCode !== null || child.signalCode !== null) ok();
    else child.once('exit', () => ok());
  });
}
