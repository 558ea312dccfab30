import type { Store } from '../store';
import type { EngineerRecord } from '../records';
import { nameIdPage, nameIdParams, type PageRequest } from '../../domain/pagination';
import { regionAndBelow } from './customer.repo';

/** Contacts (the customer's people), engineers (ours) and partners. */

export const EMPLOYMENTS_OF_CONTACTS = `
UNWIND $ids AS id
MATCH (p:Contact {id: id})-[w:WORKS_AT]->(c:Customer)
RETURN id AS key, w, p.id AS contactId, c.id AS customerId
ORDER BY w.from DESC`;

export const MANAGER_OF_CONTACTS = `
UNWIND $ids AS id
MATCH (p:Contact {id: id})-[:REPORTS_TO]->(m:Contact)
RETURN id AS key, m`;

export const REPORTS_OF_CONTACTS = `
UNWIND $ids AS id
MATCH (p:Contact {id: id})<-[:REPORTS_TO]-(r:Contact)
RETURN id AS key, r ORDER BY r.name`;

/** The chain of managers above a contact, nearest first (at most 10 levels; cycles end it). */
export const REPORTING_LINE_OF_CONTACTS = `
UNWIND $ids AS id
MATCH path = (p:Contact {id: id})-[:REPORTS_TO*1..10]->(m:Contact)
RETURN id AS key, m, length(path) AS depth
ORDER BY depth`;

export const PARTNER_OF_ENGINEERS = `
UNWIND $ids AS id
MATCH (e:Engineer {id: id})-[:EMPLOYED_BY]->(p:Partner)
RETURN id AS key, p`;

export const ENGINEERS_OF_PARTNERS = `
UNWIND $ids AS id
MATCH (p:Partner {id: id})<-[:EMPLOYED_BY]-(e:Engineer)
RETURN id AS key, e ORDER BY e.name`;

export const REGION_OF_ENGINEERS = `
UNWIND $ids AS id
MATCH (e:Engineer {id: id})-[:BASED_IN]->(r:Region)
RETURN id AS key, r`;

export const OWNED_CASES_OF_ENGINEERS = `
UNWIND $ids AS id
MATCH (e:Engineer {id: id})<-[o:OWNED_BY]-(k:\`Case\`)
WHERE o.to IS NULL AND ($statuses IS NULL OR k.status IN $statuses)
RETURN id AS key, k ORDER BY k.openedAt DESC`;

const ENGINEER_FILTER = `
  ($status IS NULL OR e.status = $status)
  AND ($kind IS NULL OR e.kind = $kind)
  AND ($text IS NULL OR toLower(e.name) CONTAINS $text OR toLower(coalesce(e.nameLatin, '')) CONTAINS $text)
  AND ($regionIds IS NULL OR EXISTS { MATCH (e)-[:BASED_IN]->(r:Region) WHERE r.id IN $regionIds })
  AND ($partnerId IS NULL OR EXISTS { MATCH (e)-[:EMPLOYED_BY]->(:Partner {id: $partnerId}) })
  AND ($within IS NULL
    OR EXISTS { MATCH (e)-[:BASED_IN]->(r:Region) WHERE r.id IN $within }
    OR EXISTS { MATCH (e)-[:COVERS]->(:Customer)-[:LOCATED_IN]->(r:Region) WHERE r.id IN $within })`;

const BETWEEN = `($afterName IS NULL OR e.name > $afterName OR (e.name = $afterName AND e.id > $afterId))
  AND ($beforeName IS NULL OR e.name < $beforeName OR (e.name = $beforeName AND e.id < $beforeId))`;

export const ENGINEERS_PAGE = `
MATCH (e:Engineer)
WHERE ${ENGINEER_FILTER}
  AND ${BETWEEN}
RETURN e ORDER BY e.name, e.id LIMIT $limit`;

/** The same read backwards (last/before): the engineers nearest the `before` cursor, last first. */
export const ENGINEERS_PAGE_BACKWARDS = `
MATCH (e:Engineer)
WHERE ${ENGINEER_FILTER}
  AND ${BETWEEN}
RETURN e ORDER BY e.name DESC, e.id DESC LIMIT $limit`;

export const ENGINEERS_COUNT = `
MATCH (e:Engineer)
WHERE ${ENGINEER_FILTER}
RETURN count(e) AS n`;

/** Case-insensitive search over names (and their pinyin/English forms) of customers, contacts and engineers. */
export const SEARCH = `
CALL {
  MATCH (n:Customer) WHERE toLower(n.name) CONTAINS $text OR toLower(coalesce(n.nameLatin, '')) CONTAINS $text
  RETURN n, 'Customer' AS kind
  UNION ALL
  MATCH (n:Contact) WHERE toLower(n.name) CONTAINS $text OR toLower(coalesce(n.nameLatin, '')) CONTAINS $text
  RETURN n, 'Contact' AS kind
  UNION ALL
  MATCH (n:Engineer) WHERE toLower(n.name) CONTAINS $text OR toLower(coalesce(n.nameLatin, '')) CONTAINS $text
  RETURN n, 'Engineer' AS kind
}
RETURN n, kind`;

export interface EngineerListFilter {
  regionId?: string | null;
  status?: string | null;
  kind?: string | null;
  text?: string | null;
  partnerId?: string | null;
}

export async function listEngineers(
  store: Store,
  filter: EngineerListFilter,
  page: PageRequest<{ name: string; id: string }>,
  /** The caller's regions (null = unlimited): engineers based there or covering a customer there. */
  within: string[] | null = null,
) {
  const regionIds = filter.regionId ? await regionAndBelow(store, filter.regionId) : null;
  const keyset = nameIdParams(page);
  const params = {
    status: filter.status ?? null,
    kind: filter.kind ?? null,
    text: filter.text ? filter.text.toLowerCase() : null,
    partnerId: filter.partnerId ?? null,
    regionIds,
    within,
    ...keyset.params,
  };
  const [rows, count] = await Promise.all([
    keyset.size === 0 ? Promise.resolve([]) : store.read(keyset.backwards ? ENGINEERS_PAGE_BACKWARDS : ENGINEERS_PAGE, params),
    store.read(ENGINEERS_COUNT, params),
  ]);
  return nameIdPage(rows.map((r) => r.e as unknown as EngineerRecord), page, (count[0]?.n as number) ?? 0);
}

export interface SearchRow {
  kind: 'Customer' | 'Contact' | 'Engineer';
  record: { id: string; name: string; nameLatin?: string | null };
}

/** Name search; exact and prefix matches rank first, then by name. */
export async function searchByName(store: Store, text: string, limit: number): Promise<SearchRow[]> {
  const needle = text.toLowerCase();
  const rows = await store.read(SEARCH, { text: needle });
  const hits = rows.map((r) => ({ kind: r.kind as SearchRow['kind'], record: r.n as unknown as SearchRow['record'] }));
  const rank = (h: SearchRow) => {
    const names = [h.record.name, h.record.nameLatin ?? ''].map((n) => n.toLowerCase());
    if (names.includes(needle)) return 0;
    if (names.some((n) => n.startsWith(needle))) return 1;
    return 2;
  };
  return hits
    .sort((a, b) => rank(a) - rank(b) || a.record.name.localeCompare(b.record.name) || a.record.id.localeCompare(b.record.id))
    .slice(0, limit);
}
