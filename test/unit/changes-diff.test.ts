import fc from 'fast-check';
import { diffFields } from '../../src/domain/changes';

/** The reference: values are the same when their JSON is (what diffFields compared before its shortcuts). */
function reference(before: Record<string, unknown> | null, after: Record<string, unknown>) {
  const out: Record<string, { before: unknown; after: unknown }> = {};
  for (const [k, v] of Object.entries(after)) {
    const was = before ? before[k] : null;
    if (JSON.stringify(was ?? null) !== JSON.stringify(v ?? null)) out[k] = { before: was ?? null, after: v ?? null };
  }
  return out;
}

const value = fc.oneof(
  fc.constantFrom(null, undefined, '', 'a', 'null', '1', 'true', 0, -0, 1, NaN, Infinity, true, false),
  fc.string(),
  fc.double(),
  fc.boolean(),
  fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 2 }), fc.oneof(fc.string(), fc.integer()), { maxKeys: 2 }),
);
const record = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), value);

describe('diffFields', () => {
  it('finds the same changes as comparing every value as JSON', () => {
    fc.assert(
      fc.property(fc.option(record, { nil: null }), record, (before, after) => {
        expect(diffFields(before, after)).toEqual(reference(before, after));
      }),
      { numRuns: 2000 },
    );
  });
});
