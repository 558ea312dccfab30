import fc from 'fast-check';
import { byNameThenId, compareText } from '../../src/domain/text-order';

const sign = (n: number) => Math.sign(n);

describe('compareText: code point order', () => {
  it('orders as the strings’ UTF-8 bytes do (the order of code points, as the engines sort)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 8 }), (a, b) => {
        // Lone surrogates have no UTF-8 form (they come back as U+FFFD): compare well-formed strings only.
        fc.pre([a, b].every((s) => Buffer.from(s, 'utf8').toString('utf8') === s));
        expect(sign(compareText(a, b))).toBe(sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))));
      }),
      { numRuns: 2000 },
    );
  });

  it('puts a character above U+FFFF after U+E000–U+FFFF, where `<` puts it before', () => {
    const astral = '\u{20000}'; // a CJK Extension B ideograph
    const bmp = '\uFF21'; // a fullwidth A
    expect(astral < bmp).toBe(true);
    expect(compareText(astral, bmp)).toBeGreaterThan(0);
    expect(compareText('张三', '张三丰')).toBeLessThan(0);
    expect(compareText('b', 'b')).toBe(0);
  });

  it('byNameThenId: by name, then id; a missing name last', () => {
    const rows = [
      { name: 'B', id: 'x2' },
      { name: null, id: 'x0' },
      { name: 'A', id: 'x9' },
      { name: 'B', id: 'x1' },
    ];
    expect([...rows].sort(byNameThenId).map((r) => r.id)).toEqual(['x9', 'x1', 'x2', 'x0']);
  });
});
