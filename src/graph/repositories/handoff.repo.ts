/** Reads of handoffs and their checklist items. Items point at what they are about (REFERS_TO) and
 * at the customer they belong to (FOR), so a customer's last handoff is one hop away. */

export const FROM_OF_HANDOFFS = `
UNWIND $ids AS id
MATCH (h:Handoff {id: id})-[:FROM]->(e:Engineer)
RETURN id AS key, e`;

export const TO_OF_HANDOFFS = `
UNWIND $ids AS id
MATCH (h:Handoff {id: id})-[:TO]->(e:Engineer)
RETURN id AS key, e ORDER BY e.name`;

/**
 * Items with the customer each is FOR (`customers`: none or one), so that filtering items by
 * customer (the card's lastHandoff.openItems) and the summary need no further statement.
 */
export const ITEMS_OF_HANDOFFS = `
UNWIND $ids AS id
MATCH (h:Handoff {id: id})-[:INCLUDES]->(i:HandoffItem)
RETURN id AS key, i, [(i)-[:FOR]->(c:Customer) | c] AS customers ORDER BY i.seq, i.id`;

export const TARGET_OF_ITEMS = `
UNWIND $ids AS id
MATCH (i:HandoffItem {id: id})-[:REFERS_TO]->(t)
RETURN id AS key, t, labels(t) AS labels`;

export const CUSTOMER_OF_ITEMS = `
UNWIND $ids AS id
MATCH (i:HandoffItem {id: id})-[:FOR]->(c:Customer)
RETURN id AS key, c`;

export const ASSIGNEE_OF_ITEMS = `
UNWIND $ids AS id
MATCH (i:HandoffItem {id: id})-[:ASSIGNED_TO]->(e:Engineer)
RETURN id AS key, e`;

export const HANDOFF_OF_ITEMS = `
UNWIND $ids AS id
MATCH (i:HandoffItem {id: id})<-[:INCLUDES]-(h:Handoff)
RETURN id AS key, h`;

/** The most recent handoff (not cancelled) that has an item for the customer. */
/**
 * A customer's most recent handoff with its items (each with its customer, as ITEMS_OF_HANDOFFS
 * gives them), so that the card's open items need no further statement. Two flat comprehensions:
 * the embedded engine does not plan a pattern comprehension nested in another one, nor expand from
 * an element of a collected list (hence the second MATCH by id).
 */
export const LAST_HANDOFF_OF_CUSTOMERS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id})<-[:FOR]-(:HandoffItem)<-[:INCLUDES]-(h:Handoff)
WHERE h.status <> 'CANCELLED'
WITH DISTINCT id, h ORDER BY h.effectiveAt DESC, h.id DESC
WITH id, collect(h.id) AS hids
WITH id, hids[0] AS lastId
MATCH (h:Handoff {id: lastId})
RETURN id AS key, h, [(h)-[:INCLUDES]->(i:HandoffItem) | i] AS items,
  [(h)-[:INCLUDES]->(i:HandoffItem)-[:FOR]->(ic:Customer) | {item: i.id, c: ic}] AS itemCustomers`;

export const OUTGOING_HANDOFFS_OF_ENGINEERS = `
UNWIND $ids AS id
MATCH (e:Engineer {id: id})<-[:FROM]-(h:Handoff)
RETURN id AS key, h ORDER BY h.effectiveAt DESC`;

export const INCOMING_HANDOFFS_OF_ENGINEERS = `
UNWIND $ids AS id
MATCH (e:Engineer {id: id})<-[:TO]-(h:Handoff)
RETURN id AS key, h ORDER BY h.effectiveAt DESC`;
