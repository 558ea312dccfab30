import { importPath } from '../src/import/import-files';
import { DEMO_DIR, readDemo } from '../seeds/load-demo';
import { testEngines } from './support/engines';

/**
 * The demo files are written in the bulk-import format (one file per record kind): this keeps them
 * valid input for `npm run import -- seeds/demo`, strictly, so the two can never drift apart.
 */
describe.each(testEngines())('the demo data as bulk-import input on $name', (engine) => {
  it('imports with --strict, every row accepted', async () => {
    const store = await engine.open();
    try {
      const report = await importPath(store, DEMO_DIR, { strict: true });
      expect(report.errors).toEqual([]);
      expect(report.loaded).toBe(true);
      const demo = readDemo();
      const perKind = Object.fromEntries(report.files.map((f) => [f.kind, f.rows - f.rejected]));
      expect(perKind).toEqual(demo.counts);
    } finally {
      await store.close();
    }
  });
});
