import type { ChangeEntry, ChangeOp, FieldChange } from '../../domain/changes';
import type { NodeLabel } from '../../domain/ids';
import { validateRecord } from '../../domain/record-validation';
import { AppError, ErrorCode, badInput, conflict, notFound, type FieldProblem } from '../../errors';
import { parseIsoDateTime } from '../../schema/date-time.scalar';
import { NODE_KINDS, relName, type FieldSpec, type LinkSpec, type NodeKind } from '../kinds';
import type { Props } from '../records';
import type { TxRunner } from '../store';
import { nodesByIdCypher } from './node.repo';

/**
 * Write primitives shared by every mutation: statements generated from the field specs in kinds.ts
 * (so the API, the import and the seed store a field the same way), reference checks that name the
 * missing id, and change entries. Everything here runs inside the caller's transaction.
 */

/** Who writes and the request's clock (ISO): every change entry of a request carries both. */
export interface WriteMeta {
  actor: string;
  now: string;
}

const lbl = (l: NodeLabel) => `\`${l}\``;
// Property names come from the field specs, never from input.
const valueOf = (f: FieldSpec) => (f.type === 'datetime' ? `datetime($p.${f.name})` : `$p.${f.name}`);

export function createNodeCypher(label: NodeLabel, fields: FieldSpec[]): string {
  const sets = fields.filter((f) => f.name !== 'id').map((f) => `n.${f.name} = ${valueOf(f)}`);
  return `CREATE (n:${lbl(label)} {id: $id})${sets.length ? `\nSET ${sets.join(', ')}` : ''}\nRETURN n`;
}

export function setFieldsCypher(label: NodeLabel, fields: FieldSpec[]): string {
  return `MATCH (n:${lbl(label)} {id: $id})\nSET ${fields.map((f) => `n.${f.name} = ${valueOf(f)}`).join(', ')}\nRETURN n`;
}

const singleTarget = (link: LinkSpec): NodeLabel => {
  if (Array.isArray(link.target)) throw new Error(`link ${link.field} has several target labels`);
  return link.target;
};

const pattern = (label: NodeLabel, link: LinkSpec, r: string) => {
  const t = `(t:${lbl(singleTarget(link))})`;
  const rel = `[${r}:${relName(link.rel)}]`;
  return link.direction === 'out' ? `(n:${lbl(label)} {id: $id})-${rel}->${t}` : `(n:${lbl(label)} {id: $id})<-${rel}-${t}`;
};

export const linkTargetsCypher = (label: NodeLabel, link: LinkSpec): string =>
  `MATCH ${pattern(label, link, 'r')}\nRETURN t.id AS id ORDER BY id`;

export const clearLinkCypher = (label: NodeLabel, link: LinkSpec): string => `MATCH ${pattern(label, link, 'r')}\nDELETE r`;

export function addLinksCypher(label: NodeLabel, link: LinkSpec): string {
  const rel = relName(link.rel);
  const arrow = link.direction === 'out' ? `(n)-[:${rel}]->(t)` : `(n)<-[:${rel}]-(t)`;
  return `MATCH (n:${lbl(label)} {id: $id})
UNWIND $targets AS targetId
MATCH (t:${lbl(singleTarget(link))} {id: targetId})
MERGE ${arrow}`;
}

/** The ids above a node along a self-link (manager, parent region), nearest first. */
export const chainAboveCypher = (label: NodeLabel, rel: string): string => `
MATCH path = (s:${lbl(label)} {id: $id})-[:${relName(rel)}*1..50]->(x:${lbl(label)})
RETURN x.id AS id, length(path) AS depth
ORDER BY depth`;

export const nodeKind = (label: NodeLabel): NodeKind => {
  const kind = NODE_KINDS.find((k) => k.label === label);
  if (!kind) throw new Error(`no record kind for ${label}`);
  return kind;
};

export const fieldSpecs = (kind: NodeKind, names: string[]): FieldSpec[] => kind.fields.filter((f) => names.includes(f.name));

// ---------------------------------------------------------------------------------------------
// Reads inside the transaction

export async function loadNodes(tx: TxRunner, label: NodeLabel, ids: string[]): Promise<Map<string, Props>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await tx.run(nodesByIdCypher(label), { ids: unique });
  return new Map(rows.map((r) => [r.key as string, r.n as Props]));
}

export async function loadNode(tx: TxRunner, label: NodeLabel, id: string): Promise<Props | null> {
  return (await loadNodes(tx, label, [id])).get(id) ?? null;
}

/** The node, or NOT_FOUND naming the id. */
export async function requireNode(tx: TxRunner, label: NodeLabel, id: string): Promise<Props> {
  const node = await loadNode(tx, label, id);
  if (!node) throw notFound(label, id);
  return node;
}

/** Every node of the list, or NOT_FOUND naming each missing id. */
export async function requireNodes(tx: TxRunner, label: NodeLabel, ids: string[]): Promise<Map<string, Props>> {
  const found = await loadNodes(tx, label, ids);
  const missing = [...new Set(ids)].filter((id) => !found.has(id));
  if (missing.length === 1) throw notFound(label, missing[0]);
  if (missing.length) {
    throw new AppError(ErrorCode.NOT_FOUND, `${label} ${missing.join(', ')} not found`, { kind: label, id: missing[0], ids: missing });
  }
  return found;
}

/** A client-chosen id must be free; the unique constraint would catch it too, with a vaguer message. */
export async function assertIdFree(tx: TxRunner, label: NodeLabel, id: string): Promise<void> {
  if (await loadNode(tx, label, id)) throw conflict(`${label} ${id} already exists`, { id });
}

export async function linkTarget(tx: TxRunner, label: NodeLabel, link: LinkSpec, id: string): Promise<string | null> {
  const rows = await tx.run(linkTargetsCypher(label, link), { id });
  return (rows[0]?.id as string | undefined) ?? null;
}

export async function linkTargets(tx: TxRunner, label: NodeLabel, link: LinkSpec, id: string): Promise<string[]> {
  return (await tx.run(linkTargetsCypher(label, link), { id })).map((r) => r.id as string);
}

export async function chainAbove(tx: TxRunner, label: NodeLabel, rel: string, id: string): Promise<string[]> {
  return (await tx.run(chainAboveCypher(label, rel), { id })).map((r) => r.id as string);
}

// ---------------------------------------------------------------------------------------------
// Values

/**
 * Validates and normalises the given fields with the same code as the import (trimmed strings,
 * canonical UTC times, defaults); problems are named by field.
 */
export function normalizeFields(
  kind: NodeKind,
  fields: FieldSpec[],
  raw: Record<string, unknown>,
): { row: Record<string, unknown>; problems: FieldProblem[] } {
  const names = new Set(fields.map((f) => f.name));
  const input = Object.fromEntries(Object.entries(raw).filter(([k]) => names.has(k)));
  return validateRecord({ kind: kind.kind, label: kind.label, fields, links: [] }, input);
}

/** A stored node's fields in the canonical form `normalizeFields` produces, for diffs. */
export function storedFields(kind: NodeKind, node: Props, names?: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of kind.fields) {
    if (names && !names.includes(f.name)) continue;
    const v = node[f.name] ?? null;
    out[f.name] = f.type === 'datetime' && typeof v === 'string' ? (parseIsoDateTime(v) ?? v) : v;
  }
  return out;
}

/** The fields of an input object that the caller actually sent (undefined = not sent, null = clear). */
export function sentFields(input: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}

export const canonicalTime = (iso: string): string => parseIsoDateTime(iso) ?? iso;

export function throwIfProblems(problems: (FieldProblem | null | undefined)[]): void {
  const real = problems.filter((p): p is FieldProblem => Boolean(p));
  if (real.length) throw badInput(real);
}

// ---------------------------------------------------------------------------------------------
// Writes

export async function createNode(
  tx: TxRunner,
  kind: NodeKind,
  id: string,
  row: Record<string, unknown>,
  fields = kind.fields,
): Promise<Props> {
  const [r] = await tx.run(createNodeCypher(kind.label, fields), { id, p: row });
  return r.n as Props;
}

export async function setFields(tx: TxRunner, kind: NodeKind, id: string, values: Record<string, unknown>): Promise<Props> {
  const specs = kind.fields.filter((f) => f.name !== 'id' && f.name in values);
  if (!specs.length) return (await loadNode(tx, kind.label, id))!;
  const [r] = await tx.run(setFieldsCypher(kind.label, specs), { id, p: values });
  return r.n as Props;
}

/** Points a single-valued link at `target` (null = remove it). */
export async function setLink(tx: TxRunner, label: NodeLabel, link: LinkSpec, id: string, target: string | null): Promise<void> {
  await tx.run(clearLinkCypher(label, link), { id });
  if (target) await tx.run(addLinksCypher(label, link), { id, targets: [target] });
}

export async function addLinks(tx: TxRunner, label: NodeLabel, link: LinkSpec, id: string, targets: string[]): Promise<void> {
  if (targets.length) await tx.run(addLinksCypher(label, link), { id, targets });
}

export const linkOf = (kind: NodeKind, field: string): LinkSpec => {
  const link = kind.links.find((l) => l.field === field);
  if (!link) throw new Error(`${kind.kind} has no link ${field}`);
  return link;
};

// ---------------------------------------------------------------------------------------------
// Change entries

export function changeEntry(
  meta: WriteMeta,
  entity: { id: string; label: string },
  op: ChangeOp,
  changes: Record<string, FieldChange>,
  summary: string,
): ChangeEntry {
  return { entityId: entity.id, entityLabel: entity.label, op, actor: meta.actor, at: meta.now, changes, summary };
}

/** Fields with a value, for the "after" side of a CREATE entry. */
export const withoutNulls = (row: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(row).filter(([, v]) => v != null && !(Array.isArray(v) && v.length === 0)));
