import { currentAt } from '../current';
import type { Row, Store } from '../store';
import { ListProjection } from '../list-projection';
import { readNamePage, type NameList } from './name-page';
import type { CustomerRecord } from '../records';
import type { PageRequest } from '../../domain/pagination';
import { compactSearchText } from '../../domain/search-key';
import { byNameThenId } from '../../domain/text-order';
import { nameMatches } from './search-keys.repo';

/** Region ids at and below a region (sub-regions through PART_OF, any depth). */
export const REGION_AND_BELOW = `
MATCH (r:Region {id: $regionId})<-[:PART_OF*0..10]-(s:Region)
RETURN DISTINCT s.id AS id`;

/** The properties the Customer type reads: lists return these, never whole nodes. */
export const CUSTOMER_PROJECTION = 'c {.id, .name, .nameLatin, .tier, .segment, .status}';

const START_ALL = 'MATCH (c:Customer)';
/** Starting from the covering engineer (the embedded planner does not reorder patterns). */
const START_COVERED_BY = `MATCH (:Engineer {id: $engineerId})-[cv:COVERS]->(c:Customer)
WHERE ${currentAt('cv')}
WITH DISTINCT c`;

/** The customer list for the filters given (src/graph/repositories/name-page.ts). */
function customerList(f: { coveredBy: boolean; tier: boolean; text: boolean; region: boolean; includeArchived: boolean }): NameList {
  const conditions: string[] = [];
  if (f.tier) conditions.push('c.tier = $tier');
  if (!f.includeArchived) conditions.push("c.status <> 'ARCHIVED'");
  if (f.text) conditions.push(nameMatches('c'));
  if (f.region) conditions.push('EXISTS { MATCH (c)-[:LOCATED_IN]->(r:Region) WHERE r.id IN $regionIds }');
  return { list: 'customers', v: 'c', start: f.coveredBy ? START_COVERED_BY : START_ALL, conditions, projection: CUSTOMER_PROJECTION };
}

export const REGION_OF_CUSTOMERS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id})-[:LOCATED_IN]->(r:Region)
RETURN id AS key, r`;

export const PARENT_OF_CUSTOMERS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id})-[:BRANCH_OF]->(p:Customer)
RETURN id AS key, p`;

export const BRANCHES_OF_CUSTOMERS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id})<-[:BRANCH_OF]-(b:Customer)
RETURN id AS key, b ORDER BY b.name`;

/** The properties the Contact type reads. A query may ask for fewer: `contactsOfCustomersCypher`. */
export const CONTACT_FIELDS = new ListProjection(['id', 'name', 'nameLatin', 'title', 'role', 'phone', 'email', 'status']);

const contactsTexts = new Map<ListProjection, string>();

/**
 * Contacts with their employment current at $at; former (and not yet started) ones only when asked.
 * The contacts' properties come as a list of values (see ListProjection), only `fields` of them
 * (default: every one the Contact type reads): read the rows with `contactRow` and the same `fields`.
 * Not sorted: a customer's few contacts are put in name order in JavaScript (`contactRows`, or the
 * contacts loader, both by `byNameThenId`); sorting ~500 rows in the statement cost the engine ~0.7 ms of ~5 ms.
 */
export function contactsOfCustomersCypher(fields: ListProjection = CONTACT_FIELDS): string {
  let text = contactsTexts.get(fields);
  if (text === undefined) {
    text = `
UNWIND $ids AS id
MATCH (c:Customer {id: id})<-[w:WORKS_AT]-(p:Contact)
WHERE $includeFormer OR ${currentAt('w')}
RETURN id AS key, ${fields.of('p')} AS p`;
    contactsTexts.set(fields, text);
  }
  return text;
}

/** Every property the Contact type reads (see contactsOfCustomersCypher). */
export const CONTACTS_OF_CUSTOMERS = contactsOfCustomersCypher();

/** A row of contactsOfCustomersCypher(fields) as `{key, p, contactId, customerId}` with `p` a map. */
export function contactRow(row: Row, fields: ListProjection = CONTACT_FIELDS): Row {
  const p = fields.toMap(row.p);
  return { key: row.key, p, contactId: p?.id ?? null, customerId: row.key };
}

type Named = { name: string; id: string };

/** CONTACTS_OF_CUSTOMERS' rows read with `contactRow`, in the contacts' name order (each customer's too). */
export const contactRows = (rows: Row[]): Row[] => rows.map((r) => contactRow(r)).sort((a, b) => byNameThenId(a.p as Named, b.p as Named));

export const DEVICES_OF_CUSTOMERS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id})<-[:INSTALLED_AT]-(d:Device)
RETURN id AS key, d ORDER BY d.serial`;

/**
 * A customer's cases, each with its ownerships (`owners`: from, to and the engineer) so that the
 * owner field needs no further statement (the card's third wave). Two texts: with and without a
 * status filter (no catch-all `$statuses IS NULL OR ...`). Ownerships come from a pattern
 * comprehension: an OPTIONAL MATCH here would scan every node on the embedded engine.
 */
const casesOfCustomers = (filtered: boolean) => `
UNWIND $ids AS id
MATCH (c:Customer {id: id})<-[:FOR]-(k:\`Case\`)${filtered ? '\nWHERE k.status IN $statuses' : ''}
RETURN id AS key, k, [(k)-[o:OWNED_BY]->(e:Engineer) | {from: o.from, to: o.to, e: e}] AS owners
ORDER BY k.openedAt DESC, k.id`;
export const CASES_OF_CUSTOMERS = casesOfCustomers(false);
export const CASES_OF_CUSTOMERS_WITH_STATUS = casesOfCustomers(true);

export const LAST_INTERACTION_OF_CUSTOMERS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id})<-[:FOR]-(i:Interaction)
WITH id, i ORDER BY i.at DESC
WITH id, collect(i) AS xs
RETURN id AS key, xs[0] AS i`;

export const INTERACTIONS_OF_CUSTOMERS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id})<-[:FOR]-(i:Interaction)
RETURN id AS key, i ORDER BY i.at DESC`;

export const COMMITMENTS_OF_CUSTOMERS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id})<-[:TO]-(m:Commitment)
WHERE $statuses IS NULL OR m.status IN $statuses
RETURN id AS key, m ORDER BY m.dueAt, m.id`;

export interface CustomerListFilter {
  regionId?: string | null;
  tier?: string | null;
  text?: string | null;
  coveredBy?: string | null;
  includeArchived?: boolean | null;
}

/** Both region limits at once (null = no limit). */
export const intersect = (a: string[] | null, b: string[] | null): string[] | null =>
  a === null ? b : b === null ? a : a.filter((x) => b.includes(x));

/** Region ids at and below `regionId` (empty when the region does not exist). */
export async function regionAndBelow(store: Store, regionId: string): Promise<string[]> {
  const rows = await store.read(REGION_AND_BELOW, { regionId });
  return rows.map((r) => r.id as string);
}

/** A page of customers in (name, id) order with the total count: three statements at most. */
export async function listCustomers(
  store: Store,
  filter: CustomerListFilter,
  page: PageRequest<{ name: string; id: string }>,
  at: string,
  /** The caller's regions (null = unlimited): the list never leaves them. */
  within: string[] | null = null,
) {
  const regionIds = intersect(filter.regionId ? await regionAndBelow(store, filter.regionId) : null, within);
  const params = {
    tier: filter.tier ?? null,
    text: filter.text ? filter.text.toLowerCase() : null,
    compact: filter.text ? compactSearchText(filter.text) : null,
    regionIds,
    engineerId: filter.coveredBy ?? null,
    at,
  };
  const list = customerList({
    coveredBy: Boolean(filter.coveredBy),
    tier: params.tier !== null,
    text: params.text !== null,
    region: regionIds !== null,
    includeArchived: filter.includeArchived ?? false,
  });
  // The clock only matters to the covering engineer's current coverage: a bound noted at one
  // instant is as good a guess at the next.
  return readNamePage<CustomerRecord>(store, list, page, params, ['at']);
}
