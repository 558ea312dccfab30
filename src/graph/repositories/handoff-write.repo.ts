import { currentAt } from '../current';
import type { Row, TxRunner } from '../store';

/**
 * Handoff planning reads and the transitions of a handoff. Every transition runs inside the
 * caller's transaction; the Cypher starts from the nodes bound by id.
 */

/** The outgoing engineer's coverage at the effective time, with each customer's tier. */
export const PORTFOLIO_AT = `
MATCH (e:Engineer {id: $engineerId})-[r:COVERS]->(c:Customer)
WHERE ${currentAt('r')}
RETURN c.id AS customerId, c.name AS name, c.tier AS tier, collect(DISTINCT r.role) AS roles`;

/** Current key contacts (by role) of a set of customers. */
export const KEY_CONTACTS = `
UNWIND $customerIds AS cid
MATCH (c:Customer {id: cid})<-[w:WORKS_AT]-(p:Contact)
WHERE (w.to IS NULL OR datetime($at) < w.to) AND p.role IN $roles AND coalesce(p.status, 'ACTIVE') <> 'ARCHIVED'
RETURN cid AS customerId, p.id AS contactId, p.name AS name, p.phone AS phone, p.role AS role
ORDER BY p.name, p.id`;

/** Open cases the engineer owns at the effective time (or from then on), with their customer. */
export const OPEN_CASES_OWNED = `
MATCH (e:Engineer {id: $engineerId})<-[o:OWNED_BY]-(k:\`Case\`)-[:FOR]->(c:Customer)
WHERE (${currentAt('o')} OR (o.to IS NULL AND o.from > datetime($at))) AND k.status IN $open
RETURN c.id AS customerId, c.tier AS tier, k
ORDER BY k.openedAt`;

/** Open commitments the engineer made, with their customer. */
export const OPEN_COMMITMENTS_MADE = `
MATCH (e:Engineer {id: $engineerId})-[:PROMISED]->(m:Commitment)-[:TO]->(c:Customer)
WHERE m.status = 'OPEN'
RETURN c.id AS customerId, m
ORDER BY m.dueAt`;

/**
 * Successors: who they are and how many distinct customers they cover at the effective time. A
 * pattern comprehension, not an OPTIONAL MATCH: after UNWIND the embedded engine scans every node
 * for the latter (bench/decay-repro.mjs). The distinct count keeps an id only at its first position.
 */
export const SUCCESSORS = `
UNWIND $ids AS id
MATCH (e:Engineer {id: id})
WITH e, [(e)-[r:COVERS]->(c:Customer) WHERE ${currentAt('r')} | c.id] AS cs
RETURN e, size([i IN range(0, size(cs) - 1) WHERE NOT cs[i] IN cs[0..i]]) AS customers`;

export const CREATE_HANDOFF = `
MATCH (from:Engineer {id: $fromId})
CREATE (h:Handoff {id: $id, reason: $reason, effectiveAt: datetime($effectiveAt), until: datetime($until),
  status: 'PLANNED', createdAt: datetime($now), createdBy: $actor, note: $note, assignments: $assignments})
CREATE (h)-[:FROM]->(from)
WITH h
UNWIND $toIds AS toId
MATCH (s:Engineer {id: toId})
CREATE (h)-[:TO]->(s)`;

export const CREATE_ITEMS = `
MATCH (h:Handoff {id: $handoffId})
UNWIND $items AS item
MATCH (c:Customer {id: item.customerId})
MATCH (a:Engineer {id: item.assigneeId})
CREATE (h)-[:INCLUDES]->(i:HandoffItem {id: item.id, kind: item.kind, status: 'OPEN', seq: item.seq, createdAt: datetime($now)})
CREATE (i)-[:FOR]->(c)
CREATE (i)-[:ASSIGNED_TO]->(a)`;

/** Items point at what they are about; the label comes from the item's id prefix, one statement per label. */
export const linkItemTargets = (label: 'Customer' | 'Contact' | 'Case' | 'Commitment') => `
UNWIND $links AS link
MATCH (i:HandoffItem {id: link.itemId})
MATCH (t:\`${label}\` {id: link.targetId})
CREATE (i)-[:REFERS_TO]->(t)`;

export const ITEM_FOR_UPDATE = `
MATCH (i:HandoffItem {id: $id})<-[:INCLUDES]-(h:Handoff)-[:FROM]->(from:Engineer)
OPTIONAL MATCH (i)-[:ASSIGNED_TO]->(a:Engineer)
OPTIONAL MATCH (i)-[:REFERS_TO]->(t)
OPTIONAL MATCH (i)-[:FOR]->(c:Customer)
RETURN i, h, from.id AS fromId, a.id AS assigneeId, t.id AS targetId, c.id AS customerId`;

export const SET_ITEM_STATUS = `
MATCH (i:HandoffItem {id: $id})
SET i.status = $status, i.doneAt = datetime($doneAt), i.doneBy = $doneBy, i.note = $note
RETURN i`;

export const SET_HANDOFF_STATUS = `
MATCH (h:Handoff {id: $id})
SET h.status = $status
RETURN h`;

export const HANDOFF_FOR_UPDATE = `
MATCH (h:Handoff {id: $id})-[:FROM]->(from:Engineer)
OPTIONAL MATCH (h)-[:INCLUDES]->(i:HandoffItem)
OPTIONAL MATCH (i)-[:FOR]->(c:Customer)
WITH h, from, i, c ORDER BY i.seq
RETURN h, from.id AS fromId, collect({id: i.id, kind: i.kind, status: i.status, customerId: c.id, customerName: c.name}) AS items`;

/** Ends the engineer's coverage of a customer (current at $at) at $at; returns what it ended. */
export const END_COVERAGE_AT = `
MATCH (e:Engineer {id: $engineerId})-[r:COVERS]->(c:Customer {id: $customerId})
WHERE ${currentAt('r')}
SET r.to = datetime($at), r.endedBy = $actor
RETURN r.id AS id, r.role AS role`;

/** Opens coverage unless the engineer already covers the customer in that role at $from. */
export const OPEN_COVERAGE = `
MATCH (e:Engineer {id: $engineerId})
MATCH (c:Customer {id: $customerId})
OPTIONAL MATCH (e)-[x:COVERS {role: $role}]->(c)
WHERE x.from <= datetime($from) AND (x.to IS NULL OR datetime($from) < x.to)
WITH e, c, count(x) AS existing
WHERE existing = 0
CREATE (e)-[r:COVERS {id: $id, key: $id, role: $role, from: datetime($from), to: datetime($to), assignedBy: $actor, handoffId: $handoffId}]->(c)
RETURN r.id AS id`;

/** Moves the current ownership of open cases of these customers from one engineer to another. */
export const OPEN_CASES_OWNED_FOR_CUSTOMERS = `
MATCH (e:Engineer {id: $engineerId})<-[o:OWNED_BY]-(k:\`Case\`)-[:FOR]->(c:Customer)
WHERE o.to IS NULL AND k.status IN $open AND c.id IN $customerIds
RETURN k.id AS caseId, c.id AS customerId`;

export const CURRENT_OWNER = `
MATCH (k:\`Case\` {id: $caseId})
OPTIONAL MATCH (k)-[o:OWNED_BY]->(e:Engineer)
WHERE o.to IS NULL
RETURN k.status AS status, e.id AS ownerId`;

export const OPEN_COMMITMENTS_FOR_CUSTOMERS = `
MATCH (e:Engineer {id: $engineerId})-[:PROMISED]->(m:Commitment)-[:TO]->(c:Customer)
WHERE m.status = 'OPEN' AND c.id IN $customerIds
RETURN m.id AS commitmentId, c.id AS customerId`;

export const COMMITMENT_OWNER = `
MATCH (m:Commitment {id: $commitmentId})
OPTIONAL MATCH (m)<-[:PROMISED]-(e:Engineer)
RETURN m.status AS status, e.id AS engineerId`;

/** The promise stays the same; who answers for it changes. */
export const UNLINK_PROMISER = `
MATCH (m:Commitment {id: $commitmentId})<-[p:PROMISED]-(:Engineer)
DELETE p`;

export const LINK_PROMISER = `
MATCH (m:Commitment {id: $commitmentId})
MATCH (to:Engineer {id: $toId})
CREATE (to)-[:PROMISED]->(m)
SET m.transferredAt = datetime($at)
RETURN m.id AS id`;

export const COMPLETE_HANDOFF = `
MATCH (h:Handoff {id: $id})
SET h.status = 'COMPLETED', h.completedAt = datetime($now), h.completedBy = $actor, h.forced = $forced, h.closeReason = $reason
RETURN h`;

export const CANCEL_HANDOFF = `
MATCH (h:Handoff {id: $id})
SET h.status = 'CANCELLED', h.completedAt = datetime($now), h.completedBy = $actor, h.closeReason = $reason
RETURN h`;

/** Open items across handoffs (not cancelled), for the openHandoffItems query. */
export const OPEN_ITEMS = `
MATCH (i:HandoffItem)
WHERE i.status = 'OPEN' AND ($kind IS NULL OR i.kind = $kind) AND ($before IS NULL OR i.createdAt < datetime($before))
MATCH (i)<-[:INCLUDES]-(h:Handoff)-[:FROM]->(from:Engineer)
WHERE h.status <> 'CANCELLED'
MATCH (i)-[:FOR]->(c:Customer)
OPTIONAL MATCH (i)-[:ASSIGNED_TO]->(a:Engineer)
OPTIONAL MATCH (c)-[:LOCATED_IN]->(r:Region)
WITH i, h, from, a, c, r
WHERE ($engineerId IS NULL OR from.id = $engineerId OR a.id = $engineerId)
  AND ($regionIds IS NULL OR r.id IN $regionIds)
RETURN i ORDER BY i.createdAt, h.id, i.seq`;

/**
 * Everything the printable checklist shows, in one statement. (Nodes inside a CASE expression lose
 * their properties on the embedded engine: the handoff without items yields one all-null map, which
 * the caller drops.)
 */
export const CHECKLIST = `
MATCH (h:Handoff {id: $id})-[:FROM]->(from:Engineer)
OPTIONAL MATCH (h)-[:INCLUDES]->(i:HandoffItem)
OPTIONAL MATCH (i)-[:FOR]->(c:Customer)
OPTIONAL MATCH (i)-[:REFERS_TO]->(t)
OPTIONAL MATCH (i)-[:ASSIGNED_TO]->(a:Engineer)
WITH h, from, i, c, t, a ORDER BY i.seq
RETURN h, from, collect({item: i, customer: c, target: t, assignee: a}) AS rows`;

export async function one(tx: TxRunner, cypher: string, params: Record<string, unknown>): Promise<Row | undefined> {
  return (await tx.run(cypher, params))[0];
}
