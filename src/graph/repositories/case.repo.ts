/** Cases, devices, interactions and commitments: what happened at a customer. */

export const CUSTOMER_OF_CASES = `
UNWIND $ids AS id
MATCH (k:\`Case\` {id: id})-[:FOR]->(c:Customer)
RETURN id AS key, c`;

export const DEVICE_OF_CASES = `
UNWIND $ids AS id
MATCH (k:\`Case\` {id: id})-[:CONCERNS]->(d:Device)
RETURN id AS key, d`;

export const RAISED_BY_OF_CASES = `
UNWIND $ids AS id
MATCH (k:\`Case\` {id: id})-[:RAISED_BY]->(p:Contact)
RETURN id AS key, p`;

/** Every ownership of a case, newest first; the current one has no `to`. */
export const OWNERSHIPS_OF_CASES = `
UNWIND $ids AS id
MATCH (k:\`Case\` {id: id})-[o:OWNED_BY]->(e:Engineer)
RETURN id AS key, o, e, e.id AS engineerId
ORDER BY o.from DESC`;

export const WORKERS_OF_CASES = `
UNWIND $ids AS id
MATCH (k:\`Case\` {id: id})<-[:WORKED_ON]-(e:Engineer)
RETURN id AS key, e ORDER BY e.name`;

export const INTERACTIONS_OF_CASES = `
UNWIND $ids AS id
MATCH (k:\`Case\` {id: id})<-[:ABOUT]-(i:Interaction)
RETURN id AS key, i ORDER BY i.at DESC`;

export const CUSTOMER_OF_DEVICES = `
UNWIND $ids AS id
MATCH (d:Device {id: id})-[:INSTALLED_AT]->(c:Customer)
RETURN id AS key, c`;

export const CASES_OF_DEVICES = `
UNWIND $ids AS id
MATCH (d:Device {id: id})<-[:CONCERNS]-(k:\`Case\`)
RETURN id AS key, k ORDER BY k.openedAt DESC`;

export const ENGINEER_OF_INTERACTIONS = `
UNWIND $ids AS id
MATCH (i:Interaction {id: id})<-[:HAD]-(e:Engineer)
RETURN id AS key, e`;

export const CONTACTS_OF_INTERACTIONS = `
UNWIND $ids AS id
MATCH (i:Interaction {id: id})-[:\`WITH\`]->(p:Contact)
RETURN id AS key, p ORDER BY p.name`;

export const CASE_OF_INTERACTIONS = `
UNWIND $ids AS id
MATCH (i:Interaction {id: id})-[:ABOUT]->(k:\`Case\`)
RETURN id AS key, k`;

export const CUSTOMER_OF_INTERACTIONS = `
UNWIND $ids AS id
MATCH (i:Interaction {id: id})-[:FOR]->(c:Customer)
RETURN id AS key, c`;

export const ENGINEER_OF_COMMITMENTS = `
UNWIND $ids AS id
MATCH (m:Commitment {id: id})<-[:PROMISED]-(e:Engineer)
RETURN id AS key, e`;

export const CUSTOMER_OF_COMMITMENTS = `
UNWIND $ids AS id
MATCH (m:Commitment {id: id})-[:TO]->(c:Customer)
RETURN id AS key, c`;

export const CASE_OF_COMMITMENTS = `
UNWIND $ids AS id
MATCH (m:Commitment {id: id})-[:ABOUT]->(k:\`Case\`)
RETURN id AS key, k`;

export const PARENT_OF_REGIONS = `
UNWIND $ids AS id
MATCH (r:Region {id: id})-[:PART_OF]->(p:Region)
RETURN id AS key, p`;

export const CHILDREN_OF_REGIONS = `
UNWIND $ids AS id
MATCH (r:Region {id: id})<-[:PART_OF]-(s:Region)
RETURN id AS key, s ORDER BY s.name`;
