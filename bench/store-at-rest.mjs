// The store at rest (issue 15): import a generated data set into a fresh embedded data directory,
// then reopen it in a fresh process and print the directory's size, the time to open and the RSS.
//
//   npm run build && node bench/store-at-rest.mjs import bench/data/medium/import /tmp/at-rest
//   node --expose-gc bench/store-at-rest.mjs open /tmp/at-rest        (run twice: the first may read from disk)
import { execSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const dist = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../dist');
require('reflect-metadata');
const { EmbeddedStore } = require(`${dist}/src/graph/embedded-store`);
const { bootstrapSchema } = require(`${dist}/src/graph/bootstrap`);
const mb = (bytes) => Math.round(bytes / 1048576);

const [mode, a, b] = process.argv.slice(2);
if (mode === 'import' && a && b) {
  const { importPath } = require(`${dist}/src/import/import-files`);
  const store = await EmbeddedStore.open(b);
  await bootstrapSchema(store);
  const t0 = Date.now();
  const report = await importPath(store, a);
  const [h] = await store.read('MATCH (c:Change) WITH count(c) AS changes MATCH (b:ChangeBatch) RETURN changes, count(b) AS batches');
  console.log(
    `imported ${report.nodesAndRelationshipsPerSecond} nodes+rels/s in ${((Date.now() - t0) / 1000).toFixed(1)} s; Change nodes ${h?.changes ?? 0}, ChangeBatch nodes ${h?.batches ?? 0}`,
  );
  await store.close();
} else if (mode === 'open' && a) {
  const before = process.memoryUsage().rss;
  const t0 = Date.now();
  const store = await EmbeddedStore.open(a);
  await store.read('MATCH (c:Customer) RETURN count(c) AS n');
  const openMs = Date.now() - t0;
  globalThis.gc?.();
  const disk = execSync(`du -sm ${JSON.stringify(a)}`)
    .toString()
    .split('\t')[0];
  console.log(`opened in ${openMs} ms; RSS ${mb(before)} MB before, ${mb(process.memoryUsage().rss)} MB after; ${disk} MB on disk`);
  await store.close();
} else {
  console.error('usage: node bench/store-at-rest.mjs import <data dir> <store dir> | open <store dir>');
  process.exit(2);
}
