import type { Props } from './records';
import type { Value } from './store';

/**
 * Some properties of a node or relationship returned as a list of values (`[p.email, p.id, ...]`)
 * instead of a map projection (`p {.email, .id, ...}`), and turned back into the same map here.
 * The embedded engine builds and hands over a list of scalars for about half the cost of a map
 * (issue 15, seventh round: bench/convert.ts), and the same text runs on Neo4j. The keys are kept
 * in alphabetical order, the order in which the embedded engine gives a map projection's keys.
 */
export class ListProjection {
  readonly keys: readonly string[];
  /** Its keys in one string: the identity of the projection in statement-text caches and loader keys. */
  readonly name: string;

  constructor(keys: readonly string[]) {
    this.keys = [...keys].sort();
    this.name = this.keys.join(',');
  }

  /**
   * The projection of only these of its keys (and always `id`), for a query that selects fewer
   * fields (see src/resolvers/projections.ts). The same subset gives the same instance, so its
   * statement text is built once.
   */
  pick(wanted: Iterable<string>): ListProjection {
    const want = new Set(wanted);
    want.add('id');
    const keys = this.keys.filter((k) => want.has(k));
    if (keys.length === this.keys.length) return this;
    const subset = new ListProjection(keys);
    let out = this.subsets.get(subset.name);
    if (!out) this.subsets.set(subset.name, (out = subset));
    return out;
  }

  private readonly subsets = new Map<string, ListProjection>();

  /** The Cypher list expression of `variable`'s properties, e.g. `[p.email, p.id]`. */
  of(variable: string): string {
    return `[${this.keys.map((k) => `${variable}.${k}`).join(', ')}]`;
  }

  /** The map of a list returned by `of` (null stays null, as a projection of a null variable would). */
  toMap(list: Value): Props | null {
    if (list === null || list === undefined) return null;
    const values = list as Value[];
    const keys = this.keys;
    const out: Props = {};
    for (let i = 0; i < keys.length; i++) out[keys[i]] = values[i] ?? null;
    return out;
  }
}
