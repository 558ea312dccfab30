import { diffFields, type ChangeEntry, type FieldChange } from '../../domain/changes';
import { EngineerStatus, RecordStatus } from '../../domain/enums';
import { newId, prefixOf, type NodeLabel } from '../../domain/ids';
import { archivedProblem, cycleProblem } from '../../domain/write-rules';
import { recordChanges } from './change.repo';
import type { FieldProblem } from '../../errors';
import type { FieldSpec, LinkSpec, NodeKind } from '../kinds';
import type { Props } from '../records';
import type { Store, TxRunner } from '../store';
import {
  assertIdFree,
  chainAbove,
  changeEntry,
  createNode,
  linkTarget,
  nodeKind,
  normalizeFields,
  requireNode,
  setFields,
  setLink,
  storedFields,
  throwIfProblems,
  withoutNulls,
  type WriteMeta,
} from './write.repo';

/**
 * Create, update and archive for the records that are plain nodes with single-valued links:
 * regions, partners, customers, contacts, engineers and devices. Each call is one transaction with
 * its change entries; nothing is ever deleted.
 */
export type EntityLabel = 'Region' | 'Partner' | 'Customer' | 'Contact' | 'Engineer' | 'Device';

interface EntityDef {
  /** The kind's fields, plus a status for kinds that have none (regions get one through the API). */
  kind: NodeKind;
  /** Links a create or update may set. */
  links: LinkSpec[];
  archivedStatus: string;
}

const REGION_STATUS: FieldSpec = { name: 'status', type: 'enum', values: Object.values(RecordStatus), default: RecordStatus.ACTIVE };

function def(label: EntityLabel, linkFields: string[]): EntityDef {
  const base = nodeKind(label);
  const hasStatus = base.fields.some((f) => f.name === 'status');
  return {
    kind: hasStatus ? base : { ...base, fields: [...base.fields, REGION_STATUS] },
    links: base.links.filter((l) => linkFields.includes(l.field)),
    archivedStatus: label === 'Engineer' ? EngineerStatus.ARCHIVED : RecordStatus.ARCHIVED,
  };
}

// Built on first use: kinds.ts is a shared registry others extend.
let defs: Record<EntityLabel, EntityDef> | undefined;
const entity = (label: EntityLabel): EntityDef =>
  (defs ??= {
    Region: def('Region', ['parentId']),
    Partner: def('Partner', []),
    Customer: def('Customer', ['regionId', 'parentId']),
    Contact: def('Contact', ['reportsToId']),
    Engineer: def('Engineer', ['regionId', 'partnerId']),
    Device: def('Device', ['customerId']),
  })[label];

/** The fields an input may set for a label (for resolvers that split an input into parts). */
export const entityFieldNames = (label: EntityLabel): string[] => [
  ...entity(label).kind.fields.map((f) => f.name),
  ...entity(label).links.map((l) => l.field),
];

const targetLabel = (link: LinkSpec) => link.target as NodeLabel;

/**
 * Checks a link's new target: it exists (NOT_FOUND naming it), is not an archived customer, and a
 * self-link (parent region, parent customer, manager) does not close a loop.
 */
async function checkLinkTarget(tx: TxRunner, label: NodeLabel, id: string, link: LinkSpec, target: string): Promise<FieldProblem | null> {
  const node = await requireNode(tx, targetLabel(link), target);
  if (targetLabel(link) === 'Customer') {
    const p = archivedProblem({ id: target, status: node.status }, link.field, 'customer');
    if (p) return p;
  }
  if (targetLabel(link) === label) return cycleProblem(id, target, await chainAbove(tx, label, link.rel, target), link.field);
  return null;
}

export type AfterCreate = (tx: TxRunner, node: Props) => Promise<ChangeEntry[]>;

/**
 * Creates a record from API input. `id` is the client's (checked to be free) or generated.
 * `after` runs in the same transaction (e.g. a contact's first employment).
 */
export async function createEntity(
  store: Store,
  label: EntityLabel,
  input: Record<string, unknown>,
  meta: WriteMeta,
  after?: AfterCreate,
): Promise<Props> {
  const { kind, links } = entity(label);
  const id = (input.id as string | null | undefined) ?? newId(prefixOf(label));
  const { row, problems } = normalizeFields(kind, kind.fields, { ...input, id });
  throwIfProblems(problems);
  return store.transaction(async (tx) => {
    await assertIdFree(tx, label, id);
    const linkProblems: (FieldProblem | null)[] = [];
    const linkValues: Record<string, string> = {};
    for (const link of links) {
      const target = input[link.field] as string | null | undefined;
      if (!target) continue;
      linkProblems.push(await checkLinkTarget(tx, label, id, link, target));
      linkValues[link.field] = target;
    }
    throwIfProblems(linkProblems);
    const node = await createNode(tx, kind, id, row);
    for (const link of links) if (linkValues[link.field]) await setLink(tx, label, link, id, linkValues[link.field]);
    const entries = [
      changeEntry(meta, { id, label }, 'CREATE', diffFields(null, withoutNulls({ ...row, ...linkValues })), `${label} ${id} created`),
      ...((await after?.(tx, node)) ?? []),
    ];
    await recordChanges(tx, entries);
    return node;
  });
}

/**
 * Changes the fields the input sends (undefined = leave, null = clear). A required field cannot be
 * cleared; a link to a missing record is NOT_FOUND. No change, no write, no entry.
 */
export async function updateEntity(
  store: Store,
  label: EntityLabel,
  id: string,
  input: Record<string, unknown>,
  meta: WriteMeta,
  op: 'UPDATE' | 'ARCHIVE' = 'UPDATE',
): Promise<Props> {
  const { kind, links } = entity(label);
  const sent = kind.fields.filter((f) => f.name !== 'id' && input[f.name] !== undefined);
  const { row, problems } = normalizeFields(kind, sent, input);
  const sentLinks = links.filter((l) => input[l.field] !== undefined);
  for (const l of sentLinks) if (l.required && input[l.field] === null) problems.push({ field: l.field, reason: 'is required' });
  throwIfProblems(problems);
  return store.transaction(async (tx) => {
    const current = await requireNode(tx, label, id);
    const changes: Record<string, FieldChange> = diffFields(
      storedFields(
        kind,
        current,
        sent.map((f) => f.name),
      ),
      row,
    );
    const linkProblems: (FieldProblem | null)[] = [];
    const linkChanges: [LinkSpec, string | null][] = [];
    for (const link of sentLinks) {
      const before = await linkTarget(tx, label, link, id);
      const after = (input[link.field] as string | null) ?? null;
      if (before === after) continue;
      if (after) linkProblems.push(await checkLinkTarget(tx, label, id, link, after));
      linkChanges.push([link, after]);
      changes[link.field] = { before, after };
    }
    throwIfProblems(linkProblems);
    if (!Object.keys(changes).length) return current;
    const values = Object.fromEntries(
      Object.keys(changes)
        .filter((k) => k in row)
        .map((k) => [k, row[k]]),
    );
    const node = await setFields(tx, kind, id, values);
    for (const [link, target] of linkChanges) await setLink(tx, label, link, id, target);
    const summary = op === 'ARCHIVE' ? `${label} ${id} archived` : `${label} ${id} updated: ${Object.keys(changes).join(', ')}`;
    await recordChanges(tx, [changeEntry(meta, { id, label }, op, changes, summary)]);
    return node;
  });
}

/** Archive = status ARCHIVED; the record and its history stay. Archiving twice changes nothing. */
export function archiveEntity(store: Store, label: EntityLabel, id: string, meta: WriteMeta): Promise<Props> {
  return updateEntity(store, label, id, { status: entity(label).archivedStatus }, meta, 'ARCHIVE');
}
