/**
 * Reads of operations on devices (issue 14), batched by parent id for the DataLoaders in loaders.ts.
 * Every statement starts from the nodes bound by `UNWIND $ids`.
 */
export const OPERATIONS_OF_DEVICES = `
UNWIND $ids AS id
MATCH (d:Device {id: id})<-[:\`ON\`]-(o:Operation)
RETURN id AS key, o`;

export const OPERATIONS_OF_CUSTOMERS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id})<-[:INSTALLED_AT]-(d:Device)<-[:\`ON\`]-(o:Operation)
RETURN id AS key, o`;

export const OPERATIONS_OF_CASES = `
UNWIND $ids AS id
MATCH (k:\`Case\` {id: id})<-[:PART_OF]-(o:Operation)
RETURN id AS key, o`;

export const DEVICE_OF_OPERATIONS = `
UNWIND $ids AS id
MATCH (o:Operation {id: id})-[:\`ON\`]->(d:Device)
RETURN id AS key, d`;

export const PERFORMER_OF_OPERATIONS = `
UNWIND $ids AS id
MATCH (o:Operation {id: id})-[:PERFORMED_BY]->(e:Engineer)
RETURN id AS key, e`;

export const CASE_OF_OPERATIONS = `
UNWIND $ids AS id
MATCH (o:Operation {id: id})-[:PART_OF]->(k:\`Case\`)
RETURN id AS key, k`;

export const INFORMED_OF_OPERATIONS = `
UNWIND $ids AS id
MATCH (o:Operation {id: id})-[:INFORMS]->(p:Contact)
RETURN id AS key, p ORDER BY p.id`;

export const AUTHORISATIONS_OF_OPERATIONS = `
UNWIND $ids AS id
MATCH (o:Operation {id: id})-[a:AUTHORISED_BY]->(x)
RETURN id AS key, a.side AS side, a.at AS at, x.id AS byId ORDER BY side`;

/** Newest first: by start, else planned start, else id. */
export const byRecency = (a: Record<string, unknown>, b: Record<string, unknown>): number => {
  const t = (x: Record<string, unknown>) => String(x.startedAt ?? x.plannedFrom ?? '');
  return t(b).localeCompare(t(a)) || String(b.id).localeCompare(String(a.id));
};
