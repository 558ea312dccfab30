/**
 * @jest-environment jsdom
 */
import { checklistState, withItemStatus, type ChecklistItem } from '../../web/src/lib/checklist';

const urumqi = { id: 'cus_cm-urumqi', name: 'China Mobile Urumqi' };
const midong = { id: 'cus_cm-urumqi-midong', name: 'Midong' };
const items: ChecklistItem[] = [
  { id: 'i1', status: 'DONE', customer: urumqi },
  { id: 'i2', status: 'WAIVED', customer: urumqi },
  { id: 'i3', status: 'OPEN', customer: midong },
  { id: 'i4', status: 'OPEN', customer: midong },
  { id: 'i5', status: 'OPEN', customer: urumqi },
];

describe('the checklist state', () => {
  it('counts what is left, by customer, and refuses plain completion while items are open', () => {
    const s = checklistState(items);
    expect(s).toMatchObject({ total: 5, open: 3, done: 1, waived: 1, canComplete: false });
    expect(s.progress).toBeCloseTo(0.4);
    expect(s.openByCustomer).toEqual([
      { customerId: 'cus_cm-urumqi-midong', name: 'Midong', count: 2 },
      { customerId: 'cus_cm-urumqi', name: 'China Mobile Urumqi', count: 1 },
    ]);
  });

  it('allows completion once every item is done or waived', () => {
    let list = items;
    for (const id of ['i3', 'i4']) list = withItemStatus(list, id, 'DONE');
    expect(checklistState(list).canComplete).toBe(false);
    list = withItemStatus(list, 'i5', 'WAIVED');
    expect(checklistState(list)).toMatchObject({ open: 0, done: 3, waived: 2, canComplete: true, progress: 1, openByCustomer: [] });
    // The input list is not changed.
    expect(items[2].status).toBe('OPEN');
  });

  it('an empty checklist is complete', () => {
    expect(checklistState([])).toMatchObject({ total: 0, canComplete: true, progress: 1 });
  });
});
