import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EventType, type NewEvent } from '../domain/events';
import { buildIntroduction, INTRODUCED_ROLES, type Templates } from '../domain/introduction';
import { REPO_ROOT } from '../paths';
import type { TxRunner } from '../graph/store';
import { currentAt } from '../graph/current';

/**
 * CustomerIntroduction events, built inside the transaction that made a coverage change take effect
 * (handoff completion, assignCoverage of PRIMARY, BACKUP or PARTNER_ONSITE). Templates are files the
 * operator may edit: RAPPORT_TEMPLATES_DIR (default ./templates), introduction.en.txt and .zh.txt,
 * read at every use so a change needs no restart.
 */
export const INTRODUCTION_DATA = `
UNWIND $ids AS id
MATCH (c:Customer {id: id})
RETURN c.id AS customerId, c.name AS name,
  [(c)<-[r:COVERS]-(e:Engineer) WHERE ${currentAt('r')} |
    {role: r.role, id: e.id, name: e.name, status: e.status, phone: e.phone}] AS coverage`;

export const ON_DUTY_CONTACTS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id})<-[w:WORKS_AT]-(p:Contact)
WHERE (w.to IS NULL OR datetime($at) < w.to) AND p.role = 'ON_DUTY' AND coalesce(p.status, 'ACTIVE') <> 'ARCHIVED'
RETURN id AS customerId, p.id AS id, p.name AS name, p.role AS role, p.phone AS phone,
  [(p)-[:REPORTS_TO]->(m:Contact) | {id: m.id, name: m.name, role: m.role, phone: m.phone}] AS supervisors
ORDER BY p.name, p.id`;

export function templatesDir(): string {
  return path.resolve(process.env.RAPPORT_TEMPLATES_DIR ?? path.join(REPO_ROOT, 'templates'));
}

export function loadTemplates(dir = templatesDir()): Templates {
  return {
    en: readFileSync(path.join(dir, 'introduction.en.txt'), 'utf8'),
    zh: readFileSync(path.join(dir, 'introduction.zh.txt'), 'utf8'),
  };
}

export interface TakenEffect {
  customerId: string;
  role: string;
  engineerId: string;
  effectiveAt: string;
  handoffId: string | null;
}

/** One CustomerIntroduction per customer (the first introduced role's change names the newcomer). */
export async function introductionEvents(tx: TxRunner, changes: TakenEffect[], at: string): Promise<NewEvent[]> {
  const byCustomer = new Map<string, TakenEffect>();
  for (const c of changes) if (INTRODUCED_ROLES.includes(c.role) && !byCustomer.has(c.customerId)) byCustomer.set(c.customerId, c);
  if (!byCustomer.size) return [];
  const ids = [...byCustomer.keys()];
  const effectiveAt = new Date(Math.max(...[...byCustomer.values()].map((c) => new Date(c.effectiveAt).getTime()))).toISOString();
  const customers = await tx.run(INTRODUCTION_DATA, { ids, at: effectiveAt });
  const onDuty = await tx.run(ON_DUTY_CONTACTS, { ids, at: effectiveAt });
  const templates = loadTemplates();
  const out: NewEvent[] = [];
  for (const row of customers) {
    const change = byCustomer.get(row.customerId as string)!;
    const coverage = (row.coverage as { role: string; id: string; name: string; status: string; phone: string | null }[]) ?? [];
    const engineer =
      coverage.find((c) => c.id === change.engineerId && c.role === change.role) ?? coverage.find((c) => c.id === change.engineerId);
    if (!engineer) continue; // the change is not current at its effective time (ended again): nobody to introduce
    const payload = buildIntroduction(
      {
        customerId: change.customerId,
        customerName: row.name as string,
        role: change.role,
        engineer: { id: engineer.id, name: engineer.name, phone: engineer.phone ?? null },
        effectiveAt: new Date(change.effectiveAt).toISOString(),
        coverage: coverage.map((c) => ({ role: c.role, engineer: { id: c.id, name: c.name, status: c.status, phone: c.phone } })),
        onDuty: onDuty
          .filter((d) => d.customerId === change.customerId)
          .map((d) => ({
            id: d.id as string,
            name: d.name as string,
            role: d.role as string,
            phone: (d.phone as string) ?? null,
            supervisors: (d.supervisors as never[]) ?? [],
          })),
        handoffId: change.handoffId,
      },
      templates,
    );
    out.push({
      type: EventType.CustomerIntroduction,
      at,
      customerId: change.customerId,
      subjectIds: [change.customerId, engineer.id, ...payload.contacts.map((c) => c.id), ...(change.handoffId ? [change.handoffId] : [])],
      payload,
    });
  }
  return out;
}

/** The coverage events followed by the introductions they call for (what the write repositories append). */
export async function withIntroductions(tx: TxRunner, events: NewEvent[], at: string): Promise<NewEvent[]> {
  const effects: TakenEffect[] = events
    .filter((e) => e.type === EventType.CoverageChanged && e.payload.toEngineerId)
    .map((e) => ({
      customerId: e.payload.customerId as string,
      role: e.payload.role as string,
      engineerId: e.payload.toEngineerId as string,
      effectiveAt: e.payload.effectiveAt as string,
      handoffId: (e.payload.handoffId as string) ?? null,
    }));
  return [...events, ...(await introductionEvents(tx, effects, at))];
}
