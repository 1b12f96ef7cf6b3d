/**
 * docs/cloud.md is what a county's engineer does: it must name exactly the collections the code
 * uses (a missing one answers -502005), an index for every query and none that no query uses, and
 * each function's timeout, memory and runtime as config.json and the build set them (#18.5).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cloudCollections } from '../../server/store/cloudbaseCollections';
import { cloudbaseStore } from '../../server/store/cloudbase';
import { cloudDocsRead, functionConfigsRead } from '../doubles/cloudDocs';
import { cloudDouble } from '../doubles/wxCloud';
import { storeRecording, storeTour } from './storeTour';

const docs = cloudDocsRead();

test('the documented collections are exactly the ones the adapter uses', () => {
  expect([...docs.collections].sort()).toEqual([...cloudCollections].sort());
});

test('every query the adapter makes has a documented index, and every documented index serves a query', async () => {
  // The double refuses a query no documented index serves; the tour makes every kind of query.
  const cloud = cloudDouble({ throttleRate: 0, lostReplyRate: 0 });
  const { store, called } = storeRecording(cloudbaseStore(cloud.db));
  await storeTour(store);
  const methods = Object.keys(cloudbaseStore(cloud.db)).filter((k) => !['kind', 'close'].includes(k));
  expect(methods.filter((m) => !called.has(m))).toEqual([]);
  const documented = docs.indexes.map((ix) => `${ix.collection}(${ix.fields.join(', ')})`);
  expect(documented.filter((ix) => !cloud.db.indexesUsed.has(ix))).toEqual([]);
});

test('each function’s timeout and memory in config.json are the documented ones, and memory is set', () => {
  const configs = functionConfigsRead();
  expect(configs.map((c) => c.name)).toEqual([...docs.functions.map((f) => f.name)].sort());
  for (const c of configs) {
    const doc = docs.functions.find((f) => f.name === c.name);
    expect({ name: c.name, timeout: c.timeout, memory: c.memorySize }).toEqual({
      name: c.name,
      timeout: doc?.timeoutS,
      memory: doc?.memoryMb,
    });
    expect(c.timeout).toBeLessThanOrEqual(60);
  }
});

test('the documented runtime is the one the bundles are built for', () => {
  expect(docs.runtime).toMatch(/^Nodejs16/);
  const build = readFileSync(resolve(__dirname, '..', '..', 'scripts', 'build-functions.ts'), 'utf8');
  expect(build).toContain("target: 'node16'");
});
