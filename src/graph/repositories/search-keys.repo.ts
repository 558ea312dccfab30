import { KEYED_LABELS, pinyinKey, type KeyedLabel } from '../../domain/search-key';
import type { Store, TxRunner } from '../store';
import { setBeforeCommit, type TouchedSet } from '../write-tracking';

/**
 * A name matches the search text: its name or Latin form contains $text (lower case), or, for a
 * Chinese name, its pinyin key (src/domain/search-key.ts) contains $compact (the text without spaces).
 */
export const nameMatches = (v: string) => `(toLower(${v}.name) CONTAINS $text OR toLower(coalesce(${v}.nameLatin, '')) CONTAINS $text
    OR ($compact <> '' AND coalesce(${v}._pinyin, '') CONTAINS $compact))`;

/**
 * Customers, contacts and engineers whose pinyin key is missing or was made from another name: the
 * whole store's, read once when the server starts (records written by another process, or before
 * the keys existed).
 */
export const STALE_SEARCH_KEYS = `
CALL {
  MATCH (n:Customer) WHERE n._pinyinOf IS NULL OR n._pinyinOf <> n.name
  RETURN n.id AS id, n.name AS name, 'Customer' AS label
  UNION ALL
  MATCH (n:Contact) WHERE n._pinyinOf IS NULL OR n._pinyinOf <> n.name
  RETURN n.id AS id, n.name AS name, 'Contact' AS label
  UNION ALL
  MATCH (n:Engineer) WHERE n._pinyinOf IS NULL OR n._pinyinOf <> n.name
  RETURN n.id AS id, n.name AS name, 'Engineer' AS label
}
RETURN id, name, label`;

/** The same among the records a write transaction touched (one label, looked up by id). */
export const STALE_TOUCHED_KEYS = (label: KeyedLabel) => `
UNWIND $ids AS id
MATCH (n:${label} {id: id})
WHERE n._pinyinOf IS NULL OR n._pinyinOf <> n.name
RETURN n.id AS id, n.name AS name`;

/** Stores the keys; a record renamed in the meantime keeps its stale mark and is done next time. */
export const SET_SEARCH_KEYS = (label: KeyedLabel) => `
UNWIND $rows AS row
MATCH (n:${label} {id: row.id})
WHERE n.name = row.name
SET n._pinyin = row.key, n._pinyinOf = row.name`;

type Stale = { id: string; name: string };

/** Computes and stores the keys of these records, in the given transaction. */
async function writeKeys(tx: TxRunner, label: KeyedLabel, stale: Stale[]): Promise<void> {
  const rows = stale.map((r) => ({ id: r.id, name: r.name, key: pinyinKey(r.name) }));
  for (let i = 0; i < rows.length; i += 5000) await tx.run(SET_SEARCH_KEYS(label), { rows: rows.slice(i, i + 5000) });
}

const staleRow = (r: Record<string, unknown>): Stale => ({ id: r.id as string, name: String(r.name ?? '') });

/**
 * Brings the pinyin keys of every new and renamed record in the store up to date; returns how many
 * were written. Run once at start: while the server runs, the write hook below keeps them current.
 */
export async function refreshSearchKeys(store: Store): Promise<number> {
  const stale = await store.read(STALE_SEARCH_KEYS, {});
  if (!stale.length) return 0;
  await store.transaction(async (tx) => {
    for (const label of KEYED_LABELS) {
      const rows = stale.filter((r) => r.label === label).map(staleRow);
      if (rows.length) await writeKeys(tx, label, rows);
    }
  });
  return stale.length;
}

/**
 * Every write transaction, before it commits: the customers, contacts and engineers it created,
 * renamed or imported get their keys in the same transaction (index lookups by id, no scan), so a
 * search never has to bring keys up to date on the read path.
 */
async function keepKeysCurrent(tx: TxRunner, touched: TouchedSet): Promise<void> {
  for (const label of KEYED_LABELS) {
    const ids = touched.byLabel.get(label);
    if (!ids?.size) continue;
    // Created by this transaction with their key (a bulk import's new records): nothing to look up.
    const all = touched.keyed.size ? [...ids].filter((id) => !touched.keyed.has(`${label} ${id}`)) : [...ids];
    for (let i = 0; i < all.length; i += 5000) {
      const stale = (await tx.run(STALE_TOUCHED_KEYS(label), { ids: all.slice(i, i + 5000) })).map(staleRow);
      if (stale.length) await writeKeys(tx, label, stale);
    }
  }
}
setBeforeCommit('searchKeys', keepKeysCurrent);
