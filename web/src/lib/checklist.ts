/** What is left on a handoff checklist, by customer, and whether it may be completed. */
export interface ChecklistItem {
  id: string;
  status: 'OPEN' | 'DONE' | 'WAIVED';
  customer?: { id: string; name: string } | null;
}

export interface ChecklistState {
  total: number;
  open: number;
  done: number;
  waived: number;
  /** Open items grouped by customer, in first-seen order. */
  openByCustomer: { customerId: string | null; name: string; count: number }[];
  /** Completing without force is allowed only when nothing is open. */
  canComplete: boolean;
  /** Share of items settled (done or waived), 0..1. */
  progress: number;
}

export function checklistState(items: readonly ChecklistItem[]): ChecklistState {
  const counts = { OPEN: 0, DONE: 0, WAIVED: 0 };
  const groups = new Map<string, { customerId: string | null; name: string; count: number }>();
  for (const item of items) {
    counts[item.status]++;
    if (item.status === 'OPEN') {
      const key = item.customer?.id ?? '';
      const g = groups.get(key) ?? { customerId: item.customer?.id ?? null, name: item.customer?.name ?? '—', count: 0 };
      g.count++;
      groups.set(key, g);
    }
  }
  const total = items.length;
  return {
    total,
    open: counts.OPEN,
    done: counts.DONE,
    waived: counts.WAIVED,
    openByCustomer: [...groups.values()],
    canComplete: counts.OPEN === 0,
    progress: total ? (counts.DONE + counts.WAIVED) / total : 1,
  };
}

/** Applies one item's new status to a list (the page's optimistic view after a mutation). */
export function withItemStatus<T extends ChecklistItem>(items: readonly T[], id: string, status: ChecklistItem['status']): T[] {
  return items.map((i) => (i.id === id ? { ...i, status } : i));
}
