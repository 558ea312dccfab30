import { currentAt } from '../current';
import type { Store } from '../store';
import type { EngineerRecord } from '../records';
import type { PageRequest } from '../../domain/pagination';
import { readNamePage, type NameList } from './name-page';
import { regionAndBelow } from './customer.repo';
import { compactSearchText } from '../../domain/search-key';
import { nameMatches } from './search-keys.repo';

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
WHERE ${currentAt('o')} AND ($statuses IS NULL OR k.status IN $statuses)
RETURN id AS key, k ORDER BY k.openedAt DESC`;

/** The properties the Engineer type reads: lists return these, never whole nodes. */
export const ENGINEER_PROJECTION = 'e {.id, .name, .nameLatin, .kind, .status, .phone, .email, .skills}';

/** The engineer list for the filters given (src/graph/repositories/name-page.ts). */
function engineerList(f: { status: boolean; kind: boolean; text: boolean; region: boolean; partner: boolean; within: boolean }): NameList {
  const conditions: string[] = [];
  if (f.status) conditions.push('e.status = $status');
  if (f.kind) conditions.push('e.kind = $kind');
  if (f.text) conditions.push(`(${nameMatches('e')} OR any(s IN coalesce(e.skills, []) WHERE toLower(s) CONTAINS $text))`);
  if (f.region) conditions.push('EXISTS { MATCH (e)-[:BASED_IN]->(r:Region) WHERE r.id IN $regionIds }');
  if (f.partner) conditions.push('EXISTS { MATCH (e)-[:EMPLOYED_BY]->(:Partner {id: $partnerId}) }');
  if (f.within)
    conditions.push(`(EXISTS { MATCH (e)-[:BASED_IN]->(r:Region) WHERE r.id IN $within }
    OR EXISTS { MATCH (e)-[:COVERS]->(:Customer)-[:LOCATED_IN]->(r:Region) WHERE r.id IN $within })`);
  return { list: 'engineers', v: 'e', start: 'MATCH (e:Engineer)', conditions, projection: ENGINEER_PROJECTION };
}

/**
 * Case-insensitive search over names (their pinyin/English forms, and for Chinese names the pinyin
 * key: syllables run together and initials, see src/domain/search-key.ts) of customers, contacts and
 * engineers; devices by model, serial and software version; engineers by declared skill and by the
 * models of devices whose cases they resolved (`via` names that model). $compact is the text without
 * spaces, as pinyin keys are written.
 */
const NAME_MATCHES = nameMatches('n');

export const SEARCH = `
CALL {
  MATCH (n:Customer) WHERE ${NAME_MATCHES}
  RETURN n, 'Customer' AS kind, null AS via
  UNION ALL
  MATCH (n:Contact) WHERE ${NAME_MATCHES}
  RETURN n, 'Contact' AS kind, null AS via
  UNION ALL
  MATCH (n:Engineer) WHERE ${NAME_MATCHES}
    OR any(s IN coalesce(n.skills, []) WHERE toLower(s) CONTAINS $text)
  RETURN n, 'Engineer' AS kind, null AS via
  UNION ALL
  MATCH (n:Device) WHERE toLower(n.model) CONTAINS $text OR toLower(n.serial) CONTAINS $text OR toLower(coalesce(n.softwareVersion, '')) CONTAINS $text
  RETURN n, 'Device' AS kind, null AS via
  UNION ALL
  MATCH (d:Device) WHERE toLower(d.model) CONTAINS $text
  MATCH (d)<-[:CONCERNS]-(k:\`Case\`)<-[:WORKED_ON]-(n:Engineer)
  WHERE k.resolvedAt IS NOT NULL
  RETURN DISTINCT n, 'Engineer' AS kind, d.model AS via
}
RETURN n, kind, via, n._pinyin AS pinyin`;

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
  const params = {
    status: filter.status ?? null,
    kind: filter.kind ?? null,
    text: filter.text ? filter.text.toLowerCase() : null,
    compact: filter.text ? compactSearchText(filter.text) : null,
    partnerId: filter.partnerId ?? null,
    regionIds,
    within,
  };
  const list = engineerList({
    status: params.status !== null,
    kind: params.kind !== null,
    text: params.text !== null,
    region: regionIds !== null,
    partner: params.partnerId !== null,
    within: within !== null,
  });
  return readNamePage<EngineerRecord>(store, list, page, params);
}

export interface SearchRow {
  kind: 'Customer' | 'Contact' | 'Engineer' | 'Device';
  record: {
    id: string;
    name?: string;
    nameLatin?: string | null;
    model?: string;
    serial?: string;
    softwareVersion?: string | null;
    skills?: string[];
  };
  /** The text that matched: a name, a model, serial or version, a skill, or "resolved <model>". */
  matched: string;
}

/** What a record offers to the search, best first. */
function searchTexts(kind: SearchRow['kind'], r: SearchRow['record']): string[] {
  if (kind === 'Device') return [r.model ?? '', r.serial ?? '', r.softwareVersion ?? ''];
  return [r.name ?? '', r.nameLatin ?? '', ...(kind === 'Engineer' ? (r.skills ?? []) : [])];
}

/** Name (and device, skill, experience) search; exact and prefix matches rank first, then by name. */
export async function searchByName(store: Store, text: string, limit: number): Promise<SearchRow[]> {
  const needle = text.toLowerCase();
  const compact = compactSearchText(text);
  const rows = await store.read(SEARCH, { text: needle, compact });
  const byKey = new Map<string, SearchRow & { rank: number; sortName: string }>();
  for (const r of rows) {
    const kind = r.kind as SearchRow['kind'];
    const raw = r.n as unknown as SearchRow['record'];
    // A device has no name: its serial stands in for one (the web app shows it).
    const record = kind === 'Device' && raw.name == null ? { ...raw, name: raw.serial ?? raw.id } : raw;
    const texts = searchTexts(kind, record).filter(Boolean);
    const direct = texts.find((t) => t.toLowerCase().includes(needle));
    // Found by the pinyin of a Chinese name: the name is what matched (ranked as a prefix when the
    // pinyin or the initials start with the text).
    const keys =
      kind === 'Device' || direct || !compact
        ? []
        : String(r.pinyin ?? '')
            .split(' ')
            .filter(Boolean);
    const byPinyin = keys.some((k) => k.includes(compact));
    const matched = direct ?? (byPinyin ? (record.name ?? '') : `resolved ${String(r.via)}`);
    const rank = direct
      ? texts.some((t) => t.toLowerCase() === needle)
        ? 0
        : texts.some((t) => t.toLowerCase().startsWith(needle))
          ? 1
          : 2
      : byPinyin
        ? keys.some((k) => k.startsWith(compact))
          ? 1
          : 2
        : 3;
    const key = `${kind}|${record.id}`;
    const seen = byKey.get(key);
    if (!seen || rank < seen.rank) byKey.set(key, { kind, record, matched, rank, sortName: record.name ?? record.model ?? '' });
  }
  return [...byKey.values()]
    .sort((a, b) => a.rank - b.rank || a.sortName.localeCompare(b.sortName) || a.record.id.localeCompare(b.record.id))
    .slice(0, limit)
    .map(({ kind, record, matched }) => ({ kind, record, matched }));
}
