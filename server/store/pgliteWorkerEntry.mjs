// The worker thread's entry (see pgliteWorker.ts): TypeScript support for require() first, then
// the worker itself. Plain JavaScript because nothing can load TypeScript before this runs; the
// project's .ts files are CommonJS, as under `node --import tsx` in the host.
import { createRequire } from 'node:module';
import { register } from 'tsx/cjs/api';

register();
createRequire(import.meta.url)('./pgliteWorkerMain.ts');
