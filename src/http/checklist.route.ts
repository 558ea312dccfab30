import type { Express } from 'express';
import { checklistCsv, checklistMarkdown, type ChecklistData } from '../domain/checklist';
import { labelOfId } from '../domain/ids';
import { CHECKLIST } from '../graph/repositories/handoff-write.repo';
import type { Store } from '../graph/store';

type P = Record<string, unknown>;

/** Reads a handoff's checklist in one statement and groups it by customer, in checklist order. */
export async function loadChecklist(store: Store, id: string): Promise<ChecklistData | null> {
  const [row] = await store.read(CHECKLIST, { id });
  if (!row) return null;
  const h = row.h as P;
  const from = row.from as P;
  const customers = new Map<string, ChecklistData['customers'][number]>();
  const rows = (row.rows as P[]).filter((r) => r && r.item).sort((a, b) => Number((a.item as P).seq) - Number((b.item as P).seq));
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
      assignee: a ? { name: a.name as string, phone: a.phone as string } : null,
      subject: t
        ? {
            label: labelOfId(t.id as string) ?? 'Unknown',
            id: t.id as string,
            name: (t.name ?? t.title) as string,
            role: t.role as string,
            title: t.title as string,
            phone: t.phone as string,
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
    from: { name: from.name as string, phone: from.phone as string },
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
      const data = await loadChecklist(store, id);
      if (!data) {
        res.status(404).json({ error: { code: 'NOT_FOUND', message: `Handoff ${id} not found` } });
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
