import type { ChangeEntry } from '../../domain/changes';
import { isCurrentAt, overlaps } from '../../domain/coverage';
import { endProblem } from '../../domain/coverage-rules';
import { validateRecord } from '../../domain/record-validation';
import { archivedProblem, cycleProblem } from '../../domain/write-rules';
import { AppError, ErrorCode, badInput, conflict } from '../../errors';
import { EDGE_KINDS } from '../kinds';
import type { EmploymentRecord, Props } from '../records';
import type { Store, TxRunner } from '../store';
import { recordChanges } from './change.repo';
import { createEntity } from './entity-write.repo';
import { edgeKey } from './upsert.repo';
import {
  canonicalTime,
  chainAbove,
  changeEntry,
  linkOf,
  linkTarget,
  nodeKind,
  requireNode,
  setLink,
  throwIfProblems,
  type WriteMeta,
} from './write.repo';

/**
 * A contact's employment (WORKS_AT {from, to, title}) and reporting line (REPORTS_TO). Employment
 * is ended, never removed, so "who was our contact there last year" stays answerable. Changes are
 * recorded on the contact and on the customer (the customer's contact list is customer information).
 */

export const EMPLOYMENTS_AT_CUSTOMER = `
MATCH (p:Contact {id: $contactId})-[w:WORKS_AT]->(c:Customer {id: $customerId})
RETURN w`;

// `key` as the import computes it (contact|customer|from), so an import of the same row merges onto it.
export const CREATE_EMPLOYMENT = `
MATCH (p:Contact {id: $contactId})
MATCH (c:Customer {id: $customerId})
CREATE (p)-[w:WORKS_AT {key: $key, from: datetime($from)}]->(c)
SET w.title = $title
RETURN w`;

export const END_EMPLOYMENT = `
MATCH (p:Contact {id: $contactId})-[w:WORKS_AT]->(c:Customer {id: $customerId})
WHERE w.from = datetime($from)
SET w.to = datetime($at)
RETURN w`;

const employmentKind = () => EDGE_KINDS.find((k) => k.kind === 'employments')!;

interface EmploymentCommand {
  contactId: string;
  customerId: string;
  from?: string | null;
  title?: string | null;
}

const toEmployment = (contactId: string, customerId: string, w: Props): EmploymentRecord => ({
  contactId,
  customerId,
  from: w.from ? canonicalTime(w.from as string) : null,
  to: w.to ? canonicalTime(w.to as string) : null,
  title: (w.title as string | null) ?? null,
});

const employmentValue = (e: EmploymentRecord) => ({ from: e.from, to: e.to ?? null, title: e.title ?? null });

async function employmentsAt(tx: TxRunner, contactId: string, customerId: string): Promise<EmploymentRecord[]> {
  const rows = await tx.run(EMPLOYMENTS_AT_CUSTOMER, { contactId, customerId });
  return rows.map((r) => toEmployment(contactId, customerId, r.w as Props));
}

function validEmployment(cmd: EmploymentCommand, now: string) {
  const { row, problems } = validateRecord(employmentKind(), {
    contactId: cmd.contactId,
    customerId: cmd.customerId,
    from: cmd.from ?? now,
    ...(cmd.title != null ? { title: cmd.title } : {}),
  });
  throwIfProblems(problems);
  return row as { contactId: string; customerId: string; from: string; title: string | null };
}

/** Adds an employment inside a transaction; the contact must exist (checked by the caller). */
async function employ(
  tx: TxRunner,
  row: ReturnType<typeof validEmployment>,
  meta: WriteMeta,
): Promise<{ employment: EmploymentRecord; entries: ChangeEntry[] }> {
  const customer = await requireNode(tx, 'Customer', row.customerId);
  throwIfProblems([archivedProblem({ id: row.customerId, status: customer.status }, 'customerId', 'customer')]);
  const clash = (await employmentsAt(tx, row.contactId, row.customerId)).find(
    (e) => e.from && overlaps({ from: e.from, to: e.to }, { from: row.from }),
  );
  if (clash) {
    throw conflict(
      `Contact ${row.contactId} already works at ${row.customerId} in that period (from ${clash.from}${clash.to ? ` to ${clash.to}` : ', still current'})`,
      { contactId: row.contactId, customerId: row.customerId },
    );
  }
  const [created] = await tx.run(CREATE_EMPLOYMENT, { ...row, key: edgeKey(employmentKind(), row) });
  const employment = toEmployment(row.contactId, row.customerId, created.w as Props);
  const summary = `${row.contactId} works at ${row.customerId} from ${row.from}`;
  return {
    employment,
    entries: [
      changeEntry(
        meta,
        { id: row.contactId, label: 'Contact' },
        'LINK',
        { [`employment:${row.customerId}`]: { before: null, after: employmentValue(employment) } },
        summary,
      ),
      changeEntry(
        meta,
        { id: row.customerId, label: 'Customer' },
        'LINK',
        { [`contact:${row.contactId}`]: { before: null, after: employmentValue(employment) } },
        summary,
      ),
    ],
  };
}

/** A new contact, employed at `customerId` from `from` when given — in one transaction. */
export function createContact(
  store: Store,
  input: Record<string, unknown>,
  employment: { customerId?: string | null; from?: string | null },
  meta: WriteMeta,
): Promise<Props> {
  // Validated before the transaction; the contact id is filled in once the contact exists.
  const row = employment.customerId
    ? validEmployment(
        {
          contactId: (input.id as string | null) ?? 'con_new',
          customerId: employment.customerId,
          from: employment.from,
          title: input.title as string | null,
        },
        meta.now,
      )
    : null;
  return createEntity(store, 'Contact', input, meta, async (tx, node) => {
    if (!row) return [];
    const contactId = node.id as string;
    return (await employ(tx, { ...row, contactId }, meta)).entries;
  });
}

export async function addContactToCustomer(store: Store, cmd: EmploymentCommand, meta: WriteMeta): Promise<EmploymentRecord> {
  const row = validEmployment(cmd, meta.now);
  return store.transaction(async (tx) => {
    await requireNode(tx, 'Contact', cmd.contactId);
    const { employment, entries } = await employ(tx, row, meta);
    await recordChanges(tx, entries);
    return employment;
  });
}

export async function endContactEmployment(
  store: Store,
  cmd: { contactId: string; customerId: string; at?: string | null },
  meta: WriteMeta,
): Promise<EmploymentRecord> {
  const at = cmd.at ?? meta.now;
  return store.transaction(async (tx) => {
    await requireNode(tx, 'Contact', cmd.contactId);
    await requireNode(tx, 'Customer', cmd.customerId);
    const current = (await employmentsAt(tx, cmd.contactId, cmd.customerId)).find(
      (e) => e.from && (isCurrentAt({ from: e.from, to: e.to }, at) || (e.to == null && new Date(e.from) >= new Date(at))),
    );
    if (!current) {
      throw new AppError(ErrorCode.NOT_FOUND, `Contact ${cmd.contactId} has no employment at ${cmd.customerId} to end at ${at}`, {
        kind: 'Employment',
        id: cmd.contactId,
      });
    }
    const problem = endProblem({ from: current.from!, to: current.to }, at);
    if (problem && 'field' in problem) throw badInput([problem.field]);
    const [row] = await tx.run(END_EMPLOYMENT, { contactId: cmd.contactId, customerId: cmd.customerId, from: current.from, at });
    const ended = toEmployment(cmd.contactId, cmd.customerId, row.w as Props);
    const change = { before: employmentValue(current), after: employmentValue(ended) };
    const summary = `${cmd.contactId} no longer works at ${cmd.customerId} from ${at}`;
    await recordChanges(tx, [
      changeEntry(meta, { id: cmd.contactId, label: 'Contact' }, 'UNLINK', { [`employment:${cmd.customerId}`]: change }, summary),
      changeEntry(meta, { id: cmd.customerId, label: 'Customer' }, 'UNLINK', { [`contact:${cmd.contactId}`]: change }, summary),
    ]);
    return ended;
  });
}

/** Sets (or with null removes) a contact's manager; a loop in the reporting line is refused. */
export async function setReportsTo(store: Store, cmd: { contactId: string; managerId?: string | null }, meta: WriteMeta): Promise<Props> {
  const link = linkOf(nodeKind('Contact'), 'reportsToId');
  const managerId = cmd.managerId ?? null;
  return store.transaction(async (tx) => {
    const contact = await requireNode(tx, 'Contact', cmd.contactId);
    if (managerId) {
      await requireNode(tx, 'Contact', managerId);
      throwIfProblems([cycleProblem(cmd.contactId, managerId, await chainAbove(tx, 'Contact', link.rel, managerId), 'managerId')]);
    }
    const before = await linkTarget(tx, 'Contact', link, cmd.contactId);
    if (before === managerId) return contact;
    await setLink(tx, 'Contact', link, cmd.contactId, managerId);
    await recordChanges(tx, [
      changeEntry(
        meta,
        { id: cmd.contactId, label: 'Contact' },
        'UPDATE',
        { reportsToId: { before, after: managerId } },
        managerId ? `${cmd.contactId} reports to ${managerId}` : `${cmd.contactId} reports to nobody`,
      ),
    ]);
    return contact;
  });
}
