/**
 * Text in code point order: the order both engines sort strings in. JavaScript's `<` compares UTF-16
 * code units, which puts characters above U+FFFF (written as surrogate pairs) before U+E000–U+FFFF;
 * here they come after, as their code points do.
 */
export function compareText(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    // A surrogate stands for a code point above every unit that is not one.
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** By name, then id (both in code point order); a missing name sorts last, as null does in Cypher. */
export function byNameThenId(a: { name?: string | null; id: string }, b: { name?: string | null; id: string }): number {
  if (a.name == null || b.name == null) {
    if (a.name != null) return -1;
    if (b.name != null) return 1;
  } else {
    const c = compareText(a.name, b.name);
    if (c) return c;
  }
  return compareText(a.id, b.id);
}
