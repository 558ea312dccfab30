import { findViolations, type GraphFacts, type Violation } from '../../src/domain/invariants';

/** Runs one GraphQL operation and returns its data (throws on errors). */
export type Exec = (query: string, variables?: Record<string, unknown>) => Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const facts = (customerIds: string[], caseIds: string[]) => `{
${customerIds.map((id, i) => `  c${i}: customer(id: ${JSON.stringify(id)}) { id coverageHistory(first: 200) { totalCount edges { node { id role from to engineer { id } } } } }`).join('\n')}
${caseIds.map((id, i) => `  k${i}: node(id: ${JSON.stringify(id)}) { ... on Case { id ownershipHistory { from to engineer { id } } } }`).join('\n')}
}`;

const ITEM_CHANGES = `
query ItemChanges($id: ID!) { changes(entityId: $id, first: 200) { edges { node { summary } } } }`;

/**
 * Reads, through the API, everything the rules speak about for these customers, cases and handoff
 * items, and returns the rules they break (docs/rules.md). Empty = all hold.
 */
export async function violationsViaApi(
  exec: Exec,
  ids: { customerIds: string[]; caseIds: string[]; itemIds?: string[] },
): Promise<Violation[]> {
  const data = await exec(facts(ids.customerIds, ids.caseIds));
  const found: GraphFacts = { coverages: [], ownerships: [], itemCompletions: [] };
  const customers = ids.customerIds.map((_, i) => data[`c${i}`]).filter(Boolean);
  const cases = ids.caseIds.map((_, i) => data[`k${i}`]).filter(Boolean);
  for (const c of customers) {
    if (c.coverageHistory.totalCount > 200) throw new Error(`customer ${c.id} has more coverage than one page`);
    for (const { node } of c.coverageHistory.edges) {
      found.coverages.push({ id: node.id, customerId: c.id, engineerId: node.engineer.id, role: node.role, from: node.from, to: node.to });
    }
  }
  for (const k of cases) {
    for (const o of k.ownershipHistory) found.ownerships.push({ caseId: k.id, engineerId: o.engineer.id, from: o.from, to: o.to });
  }
  for (const id of ids.itemIds ?? []) {
    const changes = (await exec(ITEM_CHANGES, { id })).changes.edges.map((e: { node: { summary: string | null } }) => e.node.summary ?? '');
    found.itemCompletions!.push({
      itemId: id,
      completions: changes.filter((s: string) => s.endsWith(' done')).length,
      reopenings: changes.filter((s: string) => s.endsWith(' reopened')).length,
    });
  }
  return findViolations(found);
}
