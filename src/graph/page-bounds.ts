import { Lru } from '../lru';
import type { Row } from './store';

/**
 * Sort bounds remembered from earlier pages, so a list sorted by a text key sorts a few rows instead
 * of all of them (issue 15).
 *
 * The embedded engine sorts every row that passes a page's filters, even under `LIMIT` (no top-k):
 * for the customer list of 5,000 customers that sort by name took ~3 ms of the statement's ~4 ms,
 * against ~1 ms to filter and count them. A page of `limit` rows in (key, id) order ends at some
 * key `b`. The next time the same page is asked for, the statement first keeps only rows whose key
 * is at most `b` (at least `b` going backwards) and sorts those.
 *
 * The bound is only a guess, and the answer never depends on it being current:
 * - Every row the bound leaves out has a key greater than every row it keeps, so it sorts after all
 *   of them. If the bounded statement still returns `limit` rows, they are exactly the first `limit`
 *   rows of the whole list, whatever was written since the bound was noted.
 * - If it returns fewer (rows were archived, renamed or deleted since), the page is read again
 *   without the bound, and the bound is noted afresh.
 * - A bound noted on a list shorter than `limit` is `null`: that list is read without one.
 *
 * Kept per store, in this process, at most `capacity` lists (least recently used dropped first).
 */
export class PageBounds {
  private readonly bounds: Lru<string, string | null>;
  /** Bounded reads that returned a whole page, and those that had to be read again without the bound. */
  hits = 0;
  misses = 0;

  constructor(capacity = 1000) {
    this.bounds = new Lru(capacity);
  }

  get(key: string): string | null | undefined {
    return this.bounds.get(key);
  }

  note(key: string, bound: string | null) {
    this.bounds.set(key, bound);
  }
}

export interface BoundedPage {
  /** Which list and page this is: the same key for the same filters, cursor and limit. */
  key: string;
  limit: number;
  /** The page read with `bound` applied to the sort key. */
  bounded(bound: string): Promise<Row[]>;
  /** The page read without a bound. */
  whole(): Promise<Row[]>;
  /** The sort key of a row (the last row's key is the next bound). */
  keyOf(row: Row): string;
}

/** Reads a page through the store's remembered bounds (see PageBounds); without them, reads it whole. */
export async function readBoundedPage(bounds: PageBounds | undefined, page: BoundedPage): Promise<Row[]> {
  if (!bounds) return page.whole();
  const bound = bounds.get(page.key);
  if (typeof bound === 'string') {
    const rows = await page.bounded(bound);
    if (rows.length >= page.limit) {
      bounds.hits++;
      bounds.note(page.key, page.keyOf(rows[page.limit - 1]));
      return rows;
    }
    bounds.misses++;
  }
  const rows = await page.whole();
  bounds.note(page.key, rows.length >= page.limit ? page.keyOf(rows[page.limit - 1]) : null);
  return rows;
}
