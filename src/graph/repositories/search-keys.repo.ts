import { pinyinKey } from '../../domain/search-key';
import type { Store } from '../store';

/**
 * A name matches the search text: its name or Latin form contains $text (lower case), or, for a
 * Chinese name, its pinyin key (src/domain/search-key.ts) contains $compact (the text without spaces).
 */
export const nameMatches = (v: string) => `(toLower(${v}.name) CONTAINS $text OR toLower(coalesce(${v}.nameLatin, '')) CONTAINS $text
    OR ($compact <> '' AND coalesce(${v}._pinyin, '') CONTAINS $compact))`;

/**
 * Customers, contacts and engineers whose pinyin key is missing or was made from another name (a
 * record created or renamed since): searchByName brings them up to date before it searches.
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

/** Stores the keys; a record renamed in the meantime keeps its stale mark and is done next time. */
export const SET_SEARCH_KEYS = (label: 'Customer' | 'Contact' | 'Engineer') => `
UNWIND $rows AS row
MATCH (n:${label} {id: row.id})
WHERE n.name = row.name
SET n._pinyin = row.key, n._pinyinOf = row.name`;

/** Brings the pinyin keys of new and renamed records up to date; returns how many were written. */
export async function refreshSearchKeys(store: Store): Promise<number> {
  const stale = await store.read(STALE_SEARCH_KEYS, {});
  if (!stale.length) return 0;
  const byLabel = new Map<string, { id: string; name: string; key: string }[]>();
  for (const r of stale) {
    const name = String(r.name ?? '');
    const rows = byLabel.get(r.label as string) ?? [];
    rows.push({ id: r.id as string, name, key: pinyinKey(name) });
    byLabel.set(r.label as string, rows);
  }
  await store.transaction(async (tx) => {
    for (const [label, rows] of byLabel) {
      for (let i = 0; i < rows.length; i += 5000)
        await tx.run(SET_SEARCH_KEYS(label as 'Customer' | 'Contact' | 'Engineer'), { rows: rows.slice(i, i + 5000) });
    }
  });
  return stale.length;
}
