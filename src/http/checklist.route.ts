import { createScope, UNLIMITED, type Scope } from '../auth/scope';
import type { Express } from 'express';
import { PersonalDataAccess, type PersonLabel } from '../auth/personal-data';
import { LOCAL_DEV, type Principal } from '../auth/roles';
import { checklistCsv, checklistMarkdown, type ChecklistData } from '../domain/checklist';
import { labelOfId } from '../domain/ids';
import { recordAccess } from '../graph/repositories/access-log.repo';
import { CHECKLIST } from '../graph/repositories/handoff-write.repo';
import type { Store } from '../graph/store';

type P = Record<string, unknown>;

/** How a person's phone is printed: by default as stored; the route passes the caller's gate. */
export type PhoneOf = (label: PersonLabel, id: string, phone: string | null) => string | null;

/**
 * Reads a handoff's checklist in one statement and groups it by customer, in checklist order; with a
 * scope, only the customers it lets the caller see (decided before any phone is printed).
 */
export async function loadChecklist(
  store: Store,
  id: string,
  phoneOf: PhoneOf = (_l, _id, phone) => phone,
  scope: Scope = UNLIMITED,
): Promise<ChecklistData | null> {
  const [row] = await store.read(CHECKLIST, { id });
  if (!row) return null;
  const h = row.h as P;
  const from = row.from as P;
  const customers = new Map<string, ChecklistData['customers'][number]>();
  const all = (row.rows as P[]).filter((r) => r && r.item).sort((a, b) => Number((a.item as P).seq) - Number((b.item as P).seq));
  const visible = new Set(
    (
      await scope.filter(
        'Customer',
        [...new Set(all.map((r) => ((r.customer as P | null)?.id as string) ?? ''))].map((cid) => ({ id: cid })),
      )
    ).map((c) => c.id),
  );
  const rows = all.filter((r) => visible.has(((r.customer as P | null)?.id as string) ?? ''));
  for (const r of rows) {
    const item = r.item as P;
    const c = (r.customer as P) ?? { id: 'unknown', name: 'Unknown customer' };
    const t = r.target as P | null;
    const a = r.assignee as P | null;
    let group = customers.get(c.id as string);
    if (!group) customers.set(c.id as string, (group = { id: c.id as string, name: c.name as string, tier: c.tier as string, items: [] }));
    group.items.push({
      seq: Number(item.seq),
      kind: item.kind as string,
      status: item.status as string,
      note: item.note as string,
      doneAt: item.doneAt as string,
      assignee: a ? { name: a.name as string, phone: phoneOf('Engineer', a.id as string, (a.phone as string) ?? null) } : null,
      subject: t
        ? {
            label: labelOfId(t.id as string) ?? 'Unknown',
            id: t.id as string,
            name: (t.name ?? t.title) as string,
            role: t.role as string,
            title: t.title as string,
            phone: labelOfId(t.id as string) === 'Contact' ? phoneOf('Contact', t.id as string, (t.phone as string) ?? null) : null,
            number: t.number as string,
            text: t.text as string,
            dueAt: t.dueAt as string,
            status: t.status as string,
          }
        : null,
    });
  }
  return {
    id: h.id as string,
    reason: h.reason as string,
    status: h.status as string,
    effectiveAt: h.effectiveAt as string,
    until: h.until as string,
    from: { name: from.name as string, phone: phoneOf('Engineer', from.id as string, (from.phone as string) ?? null) },
    customers: [...customers.values()],
  };
}

/** GET /handoffs/:id/checklist — Markdown (default) or CSV (?format=csv). */
export function registerChecklistRoute(app: Express, store: Store): void {
  app.get('/handoffs/:id/checklist', async (req, res, next) => {
    try {
      const id = req.params.id;
      const format = (req.query.format ?? 'md') as string;
      if (labelOfId(id) !== 'Handoff') {
        res.status(400).json({ error: { code: 'BAD_USER_INPUT', message: `"${id}" is not a handoff id (hof_…)` } });
        return;
      }
      if (!['md', 'markdown', 'csv'].includes(format)) {
        res.status(400).json({ error: { code: 'BAD_USER_INPUT', message: 'format must be md or csv' } });
        return;
      }
      // Phones are personal data: masked unless the caller may see them; unmasked ones are logged
      // (in one statement) before the checklist is sent.
      const principal: Principal = res.locals.principal ?? LOCAL_DEV;
      // A handoff outside the caller's regions does not exist for him.
      const scope = createScope(store, principal);
      if (!(await scope.visible('Handoff', id))) {
        res.status(404).json({ error: { code: 'NOT_FOUND', message: `Handoff ${id} not found` } });
        return;
      }
      const access = new PersonalDataAccess(principal, String(res.locals.requestId ?? 'none'));
      const operation = `GET /handoffs/${id}/checklist`;
      // A handoff spanning regions: only the caller's regions' customers (and their contacts' phones).
      const data = await loadChecklist(
        store,
        id,
        (entityLabel, entityId, phone) => access.show({ entityLabel, entityId, field: 'phone', operation }, phone),
        scope,
      );
      if (!data) {
        res.status(404).json({ error: { code: 'NOT_FOUND', message: `Handoff ${id} not found` } });
        return;
      }
      try {
        await recordAccess(store, access.drain());
      } catch (err) {
        res.locals.logger?.error({ err }, 'access log not written: checklist withheld');
        res
          .status(503)
          .json({ error: { code: 'STORE_UNAVAILABLE', message: 'The access log is unavailable: personal data cannot be shown now' } });
        return;
      }
      if (format === 'csv') {
        res.type('text/csv; charset=utf-8').attachment(`${id}-checklist.csv`).send(checklistCsv(data));
      } else {
        res.type('text/markdown; charset=utf-8').send(checklistMarkdown(data));
      }
    } catch (err) {
      next(err);
    }
  });
}
