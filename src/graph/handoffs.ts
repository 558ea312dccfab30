import type { ChangeEntry } from '../domain/changes';
import { HandoffItemKind, HandoffItemStatus, HandoffReason, HandoffStatus, OPEN_CASE_STATUSES } from '../domain/enums';
import {
  KEY_CONTACT_ROLES,
  PlanInputError,
  planHandoff,
  successorRoles,
  type Assignment,
  type HandoffInputs,
  type HandoffPlanResult,
} from '../domain/handoff-plan';
import { labelOfId, newId } from '../domain/ids';
import { caseSla } from '../domain/sla-clock';
import type { SlaPolicy } from '../domain/sla-policy';
import type { CaseKind, CaseSeverity, CaseStatus, CustomerTier } from '../domain/enums';
import { AppError, ErrorCode, badInput, conflict, notFound } from '../errors';
import { isCurrentAt } from '../domain/coverage';
import { canonicalTime as canonical } from './repositories/write.repo';
import type { HandoffItemRecord, HandoffRecord } from './records';
import { moveOwnership } from './repositories/case-write.repo';
import { recordChanges } from './repositories/change.repo';
import * as Q from './repositories/handoff-write.repo';
import { writeAbsence } from './repositories/absence.repo';
import { checkCoverage, coveragesOf, lock, refuseOverlappingHandoff, spansOf } from './invariants';
import { coverageChanged } from '../domain/event-builders';
import { EventType, type NewEvent } from '../domain/events';
import { appendEvents } from '../events/outbox';
import { withIntroductions } from '../events/introduction';
import type { Row, Store, TxRunner } from './store';

/** The handoff workflow: plan (writes nothing), start, work the items, complete or cancel. */
export interface PlanHandoffArgs {
  outgoingEngineerId: string;
  successors: { engineerId: string; customerIds?: string[] | null }[];
  reason: HandoffReason;
  effectiveAt: string;
  until?: string | null;
  note?: string | null;
}

export interface Actor {
  actor: string;
  now: Date;
}

export interface PlannedHandoff extends HandoffPlanResult {
  args: PlanHandoffArgs;
  outgoingId: string;
}

type Reader = Pick<TxRunner, 'run'>;

function checkArgs(args: PlanHandoffArgs) {
  const problems: { field: string; reason: string }[] = [];
  if (args.reason === HandoffReason.VACATION) {
    if (!args.until) problems.push({ field: 'until', reason: 'a VACATION handoff needs the date the cover ends' });
    else if (new Date(args.until) <= new Date(args.effectiveAt)) problems.push({ field: 'until', reason: 'must be after effectiveAt' });
  } else if (args.until) {
    problems.push({ field: 'until', reason: 'only a VACATION handoff ends by itself' });
  }
  if (args.note && args.note.length > 2000) problems.push({ field: 'note', reason: 'is longer than 2000 characters' });
  if (problems.length) throw badInput(problems);
}

/** Reads what the outgoing engineer carries at the effective time and applies the checklist rules. */
export async function preparePlan(db: Reader, args: PlanHandoffArgs, policy: SlaPolicy, now: Date): Promise<PlannedHandoff> {
  checkArgs(args);
  const at = args.effectiveAt;
  const successorIds = args.successors.map((s) => s.engineerId);
  // One statement after another: a transaction runs one statement at a time.
  const outgoingRows = await db.run(Q.SUCCESSORS, { ids: [args.outgoingEngineerId], at });
  const successorRows = await db.run(Q.SUCCESSORS, { ids: successorIds, at });
  const portfolioRows = await db.run(Q.PORTFOLIO_AT, { engineerId: args.outgoingEngineerId, at });
  const caseRows = await db.run(Q.OPEN_CASES_OWNED, { engineerId: args.outgoingEngineerId, open: OPEN_CASE_STATUSES, at });
  const commitmentRows = await db.run(Q.OPEN_COMMITMENTS_MADE, { engineerId: args.outgoingEngineerId });
  const outgoing = outgoingRows[0]?.e as Record<string, string> | undefined;
  if (!outgoing) throw notFound('Engineer', args.outgoingEngineerId);
  const found = new Set(successorRows.map((r) => (r.e as Record<string, string>).id));
  for (const id of successorIds) if (!found.has(id)) throw notFound('Engineer', id);

  const tierRank: Record<string, number> = { VIP: 0, KEY: 1, STANDARD: 2 };
  const portfolio = portfolioRows
    .map((r) => ({
      customerId: r.customerId as string,
      customerName: r.name as string,
      tier: r.tier as string,
      roles: r.roles as string[],
    }))
    .sort((a, b) => (tierRank[a.tier] ?? 3) - (tierRank[b.tier] ?? 3) || a.customerName.localeCompare(b.customerName));
  const customerIds = portfolio.map((p) => p.customerId);
  const contactRows = customerIds.length ? await db.run(Q.KEY_CONTACTS, { customerIds, at, roles: KEY_CONTACT_ROLES }) : [];

  const inputs: HandoffInputs = {
    outgoing: { id: outgoing.id, name: outgoing.name, status: outgoing.status },
    reason: args.reason,
    effectiveAt: at,
    until: args.until ?? null,
    successors: args.successors.map((s) => ({ engineerId: s.engineerId, customerIds: s.customerIds ?? null })),
    portfolio,
    keyContacts: contactRows.map((r) => ({ customerId: r.customerId as string, contactId: r.contactId as string, name: r.name as string })),
    openCases: caseRows
      .filter((r) => customerIds.includes(r.customerId as string))
      .map((r) => {
        const k = r.k as Record<string, string>;
        const sla = caseSla(
          {
            kind: k.kind as CaseKind,
            severity: k.severity as CaseSeverity,
            status: k.status as CaseStatus,
            openedAt: k.openedAt,
            respondedAt: k.respondedAt,
            resolvedAt: k.resolvedAt,
            lastCustomerUpdateAt: k.lastCustomerUpdateAt,
          },
          r.tier as CustomerTier,
          policy,
          now,
        );
        return {
          customerId: r.customerId as string,
          caseId: k.id,
          number: k.number,
          slaBreached: sla.responseBreached || sla.resolveBreached,
        };
      }),
    openCommitments: commitmentRows
      .filter((r) => customerIds.includes(r.customerId as string))
      .map((r) => ({ customerId: r.customerId as string, commitmentId: (r.m as Record<string, string>).id })),
    successorInfo: successorRows.map((r) => {
      const e = r.e as Record<string, string>;
      return { id: e.id, name: e.name, status: e.status, customers: r.customers as number };
    }),
    maxPortfolioSize: policy.thresholds.handoffPortfolioSize,
  };
  try {
    return { ...planHandoff(inputs), args, outgoingId: outgoing.id };
  } catch (err) {
    if (err instanceof PlanInputError) throw badInput(err.problems);
    throw err;
  }
}

/** Creates the handoff and its OPEN items exactly as planned, in one transaction. */
export async function startHandoff(store: Store, args: PlanHandoffArgs, policy: SlaPolicy, who: Actor): Promise<string> {
  return store.transaction(async (tx) => {
    // One handoff at a time per outgoing engineer and customer (docs/rules.md): the lock makes a
    // concurrent second startHandoff wait, then see this one.
    await lock(tx, 'Engineer', [args.outgoingEngineerId]);
    const plan = await preparePlan(tx, args, policy, who.now);
    await refuseOverlappingHandoff(
      tx,
      plan.outgoingId,
      plan.assignments.map((a) => a.customerId),
    );
    const id = newId('hof');
    const nowIso = who.now.toISOString();
    await tx.run(Q.CREATE_HANDOFF, {
      id,
      fromId: plan.outgoingId,
      toIds: args.successors.map((s) => s.engineerId),
      reason: args.reason,
      effectiveAt: args.effectiveAt,
      until: args.until ?? null,
      note: args.note ?? null,
      assignments: JSON.stringify(plan.assignments),
      now: nowIso,
      actor: who.actor,
    });
    const items = plan.items.map((i) => ({ ...i, id: newId('hoi') }));
    if (items.length) {
      await tx.run(Q.CREATE_ITEMS, { handoffId: id, items, now: nowIso });
      for (const label of ['Customer', 'Contact', 'Case', 'Commitment'] as const) {
        const links = items.filter((i) => labelOfId(i.refersToId) === label).map((i) => ({ itemId: i.id, targetId: i.refersToId }));
        if (links.length) await tx.run(Q.linkItemTargets(label), { links });
      }
    }
    await recordChanges(tx, [
      {
        entityId: id,
        entityLabel: 'Handoff',
        op: 'CREATE',
        actor: who.actor,
        at: nowIso,
        changes: { status: { before: null, after: HandoffStatus.PLANNED }, items: { before: null, after: items.length } },
        summary: `${args.reason} handoff of ${plan.outgoingId} to ${args.successors.map((s) => s.engineerId).join(', ')} started`,
      },
      ...plan.assignments.map((a) => ({
        entityId: a.customerId,
        entityLabel: 'Customer',
        op: 'UPDATE' as const,
        actor: who.actor,
        at: nowIso,
        changes: { handoff: { before: null, after: id } },
        summary: `handoff ${id}: ${plan.outgoingId} hands over to ${a.successorId} (${a.roles.join(', ')})`,
      })),
    ]);
    const customerIds = plan.assignments.map((a) => a.customerId);
    await appendEvents(tx, [
      {
        type: EventType.HandoffStarted,
        at: nowIso,
        customerId: null,
        subjectIds: [id, plan.outgoingId, ...args.successors.map((s) => s.engineerId), ...customerIds],
        payload: {
          handoffId: id,
          reason: args.reason,
          fromEngineerId: plan.outgoingId,
          toEngineerIds: args.successors.map((s) => s.engineerId),
          effectiveAt: args.effectiveAt,
          until: args.until ?? null,
          customerIds,
          items: items.length,
        },
      },
    ]);
    return id;
  });
}

interface ItemState {
  item: HandoffItemRecord;
  handoff: HandoffRecord;
  fromId: string;
  assigneeId: string | null;
  targetId: string | null;
  customerId: string | null;
}

async function loadItem(tx: TxRunner, id: string): Promise<ItemState> {
  const row = await Q.one(tx, Q.ITEM_FOR_UPDATE, { id });
  if (!row) throw notFound('HandoffItem', id);
  return {
    item: row.i as unknown as HandoffItemRecord,
    handoff: row.h as unknown as HandoffRecord,
    fromId: row.fromId as string,
    assigneeId: (row.assigneeId as string) ?? null,
    targetId: (row.targetId as string) ?? null,
    customerId: (row.customerId as string) ?? null,
  };
}

const itemChange = (s: ItemState, after: Partial<HandoffItemRecord>, who: Actor, summary: string): ChangeEntry => ({
  entityId: s.item.id,
  entityLabel: 'HandoffItem',
  op: 'UPDATE',
  actor: who.actor,
  at: who.now.toISOString(),
  changes: Object.fromEntries(
    Object.entries(after).map(([k, v]) => [k, { before: (s.item as unknown as Record<string, unknown>)[k] ?? null, after: v ?? null }]),
  ),
  summary,
});

/** Ends the current ownership of a case and gives it to `toId` (no-op when already theirs or closed). */
async function transferCase(tx: TxRunner, caseId: string, toId: string, at: string, who: Actor): Promise<ChangeEntry | null> {
  await lock(tx, 'Case', [caseId]);
  const row = await Q.one(tx, Q.CURRENT_OWNER, { caseId });
  if (!row || !OPEN_CASE_STATUSES.includes(row.status as CaseStatus) || row.ownerId === toId) return null;
  await moveOwnership(tx, caseId, toId, at, { actor: who.actor, now: who.now.toISOString() });
  return {
    entityId: caseId,
    entityLabel: 'Case',
    op: 'UPDATE',
    actor: who.actor,
    at: who.now.toISOString(),
    changes: { owner: { before: row.ownerId ?? null, after: toId } },
    summary: 'owner changed by handoff',
  };
}

async function transferCommitment(tx: TxRunner, commitmentId: string, toId: string, at: string, who: Actor): Promise<ChangeEntry | null> {
  const row = await Q.one(tx, Q.COMMITMENT_OWNER, { commitmentId });
  if (!row || row.status !== 'OPEN' || row.engineerId === toId) return null;
  await tx.run(Q.UNLINK_PROMISER, { commitmentId });
  await tx.run(Q.LINK_PROMISER, { commitmentId, toId, at });
  return {
    entityId: commitmentId,
    entityLabel: 'Commitment',
    op: 'UPDATE',
    actor: who.actor,
    at: who.now.toISOString(),
    changes: { engineer: { before: row.engineerId ?? null, after: toId } },
    summary: 'promise handed over',
  };
}

async function setHandoffInProgress(tx: TxRunner, h: HandoffRecord) {
  if (h.status === HandoffStatus.PLANNED) await tx.run(Q.SET_HANDOFF_STATUS, { id: h.id, status: HandoffStatus.IN_PROGRESS });
}

function refuseCancelled(s: ItemState) {
  if (s.handoff.status === HandoffStatus.CANCELLED) throw conflict(`handoff ${s.handoff.id} was cancelled: its items cannot change`);
}

/** Marks an item done. TRANSFER_CASE reassigns the case owner; TRANSFER_COMMITMENT moves the promise. */
export async function completeItem(store: Store, id: string, note: string | null, who: Actor): Promise<void> {
  await store.transaction(async (tx) => {
    await lock(tx, 'HandoffItem', [id]);
    const s = await loadItem(tx, id);
    refuseCancelled(s);
    if (s.item.status === HandoffItemStatus.DONE) return;
    if (s.item.status === HandoffItemStatus.WAIVED) throw conflict(`item ${id} was waived: reopen it before completing it`);
    const nowIso = who.now.toISOString();
    const changes: (ChangeEntry | null)[] = [];
    if (s.assigneeId && s.targetId) {
      if (s.item.kind === HandoffItemKind.TRANSFER_CASE) changes.push(await transferCase(tx, s.targetId, s.assigneeId, nowIso, who));
      if (s.item.kind === HandoffItemKind.TRANSFER_COMMITMENT)
        changes.push(await transferCommitment(tx, s.targetId, s.assigneeId, nowIso, who));
    }
    await tx.run(Q.SET_ITEM_STATUS, { id, status: HandoffItemStatus.DONE, doneAt: nowIso, doneBy: who.actor, note });
    await setHandoffInProgress(tx, s.handoff);
    changes.push(itemChange(s, { status: HandoffItemStatus.DONE, doneAt: nowIso, note }, who, `${s.item.kind} done`));
    await recordChanges(
      tx,
      changes.filter((c): c is ChangeEntry => c !== null),
    );
  });
}

const requireReason = (reason: string | null | undefined, field = 'reason') => {
  const r = reason?.trim();
  if (!r) throw badInput([{ field, reason: 'is required' }]);
  if (r.length > 2000) throw badInput([{ field, reason: 'is longer than 2000 characters' }]);
  return r;
};

export async function waiveItem(store: Store, id: string, reason: string, who: Actor): Promise<void> {
  const why = requireReason(reason);
  await store.transaction(async (tx) => {
    await lock(tx, 'HandoffItem', [id]);
    const s = await loadItem(tx, id);
    refuseCancelled(s);
    if (s.item.status !== HandoffItemStatus.OPEN) throw conflict(`item ${id} is ${s.item.status}: only an OPEN item can be waived`);
    const nowIso = who.now.toISOString();
    await tx.run(Q.SET_ITEM_STATUS, { id, status: HandoffItemStatus.WAIVED, doneAt: nowIso, doneBy: who.actor, note: why });
    await setHandoffInProgress(tx, s.handoff);
    await recordChanges(tx, [itemChange(s, { status: HandoffItemStatus.WAIVED, doneAt: nowIso, note: why }, who, `${s.item.kind} waived`)]);
  });
}

export async function reopenItem(store: Store, id: string, reason: string, who: Actor): Promise<void> {
  const why = requireReason(reason);
  await store.transaction(async (tx) => {
    await lock(tx, 'HandoffItem', [id]);
    const s = await loadItem(tx, id);
    refuseCancelled(s);
    if (s.item.status === HandoffItemStatus.OPEN) throw conflict(`item ${id} is already OPEN`);
    await tx.run(Q.SET_ITEM_STATUS, { id, status: HandoffItemStatus.OPEN, doneAt: null, doneBy: null, note: `reopened: ${why}` });
    await recordChanges(tx, [
      itemChange(s, { status: HandoffItemStatus.OPEN, doneAt: null, note: `reopened: ${why}` }, who, `${s.item.kind} reopened`),
    ]);
  });
}

interface HandoffState {
  handoff: HandoffRecord & { assignments?: string; until?: string | null };
  fromId: string;
  items: { id: string; kind: string; status: string; customerId: string; customerName: string }[];
}

async function loadHandoff(tx: TxRunner, id: string): Promise<HandoffState> {
  const row = await Q.one(tx, Q.HANDOFF_FOR_UPDATE, { id });
  if (!row) throw notFound('Handoff', id);
  const items = (row.items as unknown as HandoffState['items']).filter((i) => i && i.id);
  return { handoff: row.h as unknown as HandoffState['handoff'], fromId: row.fromId as string, items };
}

function refuseClosed(h: HandoffRecord) {
  if (h.status === HandoffStatus.COMPLETED || h.status === HandoffStatus.CANCELLED) {
    throw conflict(`handoff ${h.id} is already ${h.status}`);
  }
}

/**
 * At the effective time: ends the outgoing engineer's coverage, case ownerships and promises for
 * the customers handed over and opens the successors' — all in one transaction. Refuses while items
 * are open unless forced with a reason; forced completion leaves those items open ("left open").
 * VACATION cover is temporary: the successor's coverage ends at `until`, the original is untouched.
 */
export async function completeHandoff(store: Store, id: string, force: boolean, reason: string | null, who: Actor): Promise<void> {
  if (force) requireReason(reason);
  await store.transaction(async (tx) => {
    // Two completions (or a completion and a cancel) of one handoff: the second waits, then sees it closed.
    await lock(tx, 'Handoff', [id]);
    const s = await loadHandoff(tx, id);
    refuseClosed(s.handoff);
    const open = s.items.filter((i) => i.status === HandoffItemStatus.OPEN);
    if (open.length && !force) {
      throw new AppError(
        ErrorCode.CONFLICT,
        `handoff ${id} has ${open.length} open item(s): ${open.map((i) => `${i.kind} (${i.customerName})`).join('; ')}. ` +
          'Complete or waive them, or complete with force: true and a reason.',
        { openItems: open.map((i) => ({ id: i.id, kind: i.kind, customerId: i.customerId })) },
      );
    }
    const assignments = JSON.parse(s.handoff.assignments ?? '[]') as Assignment[];
    const at = canonical(s.handoff.effectiveAt);
    const reasonKind = s.handoff.reason as HandoffReason;
    const changes: (ChangeEntry | null)[] = [];
    const nowIso = who.now.toISOString();
    await lock(
      tx,
      'Customer',
      assignments.map((a) => a.customerId),
    );
    const until = reasonKind === HandoffReason.VACATION && s.handoff.until ? canonical(s.handoff.until) : null;
    const events: NewEvent[] = [];
    for (const a of assignments) {
      if (reasonKind !== HandoffReason.VACATION) {
        const ended = await tx.run(Q.END_COVERAGE_AT, { engineerId: s.fromId, customerId: a.customerId, at, actor: who.actor });
        changes.push({
          entityId: a.customerId,
          entityLabel: 'Customer',
          op: 'UNLINK',
          actor: who.actor,
          at: nowIso,
          changes: { coverage: { before: ended.map((e) => `${s.fromId}:${e.role}`), after: null } },
          summary: `coverage of ${s.fromId} ended at ${at} by handoff ${id}`,
        });
      }
      const opened: string[] = [];
      for (const role of successorRoles(reasonKind, a.roles)) {
        // The rules are checked again here, at effectiveAt, against what the customer has now:
        // a PRIMARY assigned meanwhile (assignCoverage replaceCurrent) makes completion a CONFLICT.
        const spans = spansOf(await coveragesOf(tx, a.customerId));
        const already = spans.some(
          (c) =>
            c.engineerId === a.successorId && c.role === role && isCurrentAt(c, at) && (c.to == null || (until != null && c.to >= until)),
        );
        if (already) continue;
        try {
          checkCoverage(spans, { engineerId: a.successorId, role, from: at, to: until }, a.customerId, false);
        } catch (err) {
          if (err instanceof AppError)
            throw conflict(`handoff ${id} cannot complete: ${err.message}`, {
              ...(err.details ?? {}),
              handoffId: id,
              customerId: a.customerId,
            });
          throw err;
        }
        const rows = await tx.run(Q.OPEN_COVERAGE, {
          engineerId: a.successorId,
          customerId: a.customerId,
          role,
          from: at,
          to: until,
          id: newId('cov'),
          actor: who.actor,
          handoffId: id,
        });
        if (rows.length) opened.push(role);
        events.push(
          coverageChanged(a.customerId, role, s.fromId, a.successorId, at, {
            at: nowIso,
            until,
            handoffId: id,
            coverageId: (rows[0]?.id as string) ?? undefined,
          }),
        );
      }
      changes.push({
        entityId: a.customerId,
        entityLabel: 'Customer',
        op: 'LINK',
        actor: who.actor,
        at: nowIso,
        changes: { coverage: { before: null, after: opened.map((r) => `${a.successorId}:${r}`) } },
        summary: `${a.successorId} covers from ${at}${until ? ` until ${until}` : ''} (handoff ${id})`,
      });
    }
    if (reasonKind === HandoffReason.VACATION) {
      // The vacation itself is a dated period of the engineer: the escalation path skips him during it.
      const coverIds = [...new Set(assignments.map((a) => a.successorId))];
      await writeAbsence(
        tx,
        { engineerId: s.fromId, from: at, to: until, reason: 'VACATION', coverIds, handoffId: id },
        { actor: who.actor, now: nowIso },
      );
    }
    // Coverage first: a case owner change of the same customer follows its coverage change.
    await appendEvents(tx, await withIntroductions(tx, events.splice(0), nowIso));
    if (reasonKind !== HandoffReason.VACATION && assignments.length) {
      const successorOf = new Map(assignments.map((a) => [a.customerId, a.successorId]));
      const customerIds = [...successorOf.keys()];
      const cases = await tx.run(Q.OPEN_CASES_OWNED_FOR_CUSTOMERS, { engineerId: s.fromId, customerIds, open: OPEN_CASE_STATUSES });
      for (const c of cases) changes.push(await transferCase(tx, c.caseId as string, successorOf.get(c.customerId as string)!, at, who));
      const promises = await tx.run(Q.OPEN_COMMITMENTS_FOR_CUSTOMERS, { engineerId: s.fromId, customerIds });
      for (const m of promises)
        changes.push(await transferCommitment(tx, m.commitmentId as string, successorOf.get(m.customerId as string)!, at, who));
    }
    await tx.run(Q.COMPLETE_HANDOFF, {
      id,
      now: nowIso,
      actor: who.actor,
      forced: Boolean(force && open.length),
      reason: reason?.trim() || null,
    });
    changes.push({
      entityId: id,
      entityLabel: 'Handoff',
      op: 'UPDATE',
      actor: who.actor,
      at: nowIso,
      changes: { status: { before: s.handoff.status, after: HandoffStatus.COMPLETED }, openItems: { before: null, after: open.length } },
      summary: open.length ? `force-completed with ${open.length} open item(s): ${reason}` : 'completed',
    });
    await recordChanges(
      tx,
      changes.filter((c): c is ChangeEntry => c !== null),
    );
    events.push({
      type: EventType.HandoffCompleted,
      at: nowIso,
      customerId: null,
      subjectIds: [id, s.fromId, ...new Set(assignments.map((a) => a.successorId)), ...assignments.map((a) => a.customerId)],
      payload: {
        handoffId: id,
        reason: reasonKind,
        fromEngineerId: s.fromId,
        effectiveAt: new Date(at).toISOString(),
        forced: Boolean(force && open.length),
        openItems: open.length,
        assignments: assignments.map((a) => ({ customerId: a.customerId, toEngineerId: a.successorId, roles: a.roles })),
      },
    });
    await appendEvents(tx, events);
  });
}

export async function cancelHandoff(store: Store, id: string, reason: string, who: Actor): Promise<void> {
  const why = requireReason(reason);
  await store.transaction(async (tx) => {
    // Two completions (or a completion and a cancel) of one handoff: the second waits, then sees it closed.
    await lock(tx, 'Handoff', [id]);
    const s = await loadHandoff(tx, id);
    refuseClosed(s.handoff);
    const nowIso = who.now.toISOString();
    await tx.run(Q.CANCEL_HANDOFF, { id, now: nowIso, actor: who.actor, reason: why });
    await recordChanges(tx, [
      {
        entityId: id,
        entityLabel: 'Handoff',
        op: 'UPDATE',
        actor: who.actor,
        at: nowIso,
        changes: { status: { before: s.handoff.status, after: HandoffStatus.CANCELLED } },
        summary: `cancelled: ${why}`,
      },
    ]);
  });
}

export async function openItems(
  store: Store,
  filter: { regionIds: string[] | null; engineerId: string | null; kind: string | null; olderThanDays: number | null },
  now: Date,
): Promise<HandoffItemRecord[]> {
  const before = filter.olderThanDays == null ? null : new Date(now.getTime() - filter.olderThanDays * 24 * 3600 * 1000).toISOString();
  const rows: Row[] = await store.read(Q.OPEN_ITEMS, {
    kind: filter.kind,
    before,
    engineerId: filter.engineerId,
    regionIds: filter.regionIds,
  });
  return rows.map((r) => r.i as unknown as HandoffItemRecord);
}
