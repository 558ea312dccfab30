/**
 * Deterministic randomness for the benchmark data: a seeded mulberry32 stream per file, and a
 * stateless hash for the attributes other files must agree on (is case 17 open? is contact 40 a
 * former one?) so no file has to hold another file's records in memory.
 */

/** mulberry32: a tiny 32-bit PRNG, good enough for synthetic data and fully reproducible. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a string: derives a stream's seed from the run's seed and the stream's name. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A uniform number in [0, 1) determined by (seed, salt, index) alone. */
export function hashUnit(seed: number, salt: number, index: number): number {
  let h = (seed ^ Math.imul(salt, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

export class Rng {
  private readonly next: () => number;
  constructor(seed: number, stream: string) {
    this.next = mulberry32((seed ^ hashString(stream)) >>> 0);
  }
  /** [0, 1) */
  float(): number {
    return this.next();
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** An integer in [min, max]. */
  range(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  /** Picks by weight: `choices` are [value, weight] pairs. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of choices) total += w;
    let x = this.next() * total;
    for (const [v, w] of choices) {
      x -= w;
      if (x < 0) return v;
    }
    return choices[choices.length - 1][0];
  }
}
