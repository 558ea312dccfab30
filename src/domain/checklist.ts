import { HandoffItemKind, HandoffItemStatus } from './enums';

/** The printable handoff checklist, for an engineer to work through offline. Pure rendering. */
export interface ChecklistPerson {
  name: string;
  phone?: string | null;
}

export interface ChecklistItem {
  seq: number;
  kind: string;
  status: string;
  note?: string | null;
  doneAt?: string | null;
  assignee?: ChecklistPerson | null;
  subject: {
    label: string;
    id: string;
    name?: string | null;
    role?: string | null;
    title?: string | null;
    phone?: string | null;
    number?: string | null;
    text?: string | null;
    dueAt?: string | null;
    status?: string | null;
  } | null;
}

export interface ChecklistData {
  id: string;
  reason: string;
  status: string;
  effectiveAt: string;
  until?: string | null;
  from: ChecklistPerson;
  customers: { id: string; name: string; tier?: string | null; items: ChecklistItem[] }[];
}

const day = (iso?: string | null) => (iso ? iso.slice(0, 10) : '');
const withPhone = (p?: ChecklistPerson | null) => (p ? (p.phone ? `${p.name} (${p.phone})` : p.name) : 'nobody');

export function describeItem(item: ChecklistItem): string {
  const s = item.subject;
  switch (item.kind) {
    case HandoffItemKind.VISIT_CUSTOMER:
      return `Visit the customer with ${item.assignee?.name ?? 'the successor'}`;
    case HandoffItemKind.INTRODUCE_CONTACT:
      return `Introduce ${item.assignee?.name ?? 'the successor'} to ${s?.name ?? s?.id}${s?.title ? `, ${s.title}` : ''}${s?.role ? ` [${s.role}]` : ''}${s?.phone ? `, tel. ${s.phone}` : ''}`;
    case HandoffItemKind.TRANSFER_CASE:
      return `Transfer case ${s?.number ?? s?.id}${s?.name ? ` "${s.name}"` : ''}${s?.status ? ` (${s.status})` : ''}`;
    case HandoffItemKind.TRANSFER_COMMITMENT:
      return `Transfer the promise "${s?.text ?? s?.id}"${s?.dueAt ? `, due ${day(s.dueAt)}` : ''}`;
    case HandoffItemKind.SHARE_ESCALATION_PATH:
      return 'Give the customer the updated escalation path';
    default:
      return item.kind;
  }
}

const box = (status: string) => (status === HandoffItemStatus.DONE ? '[x]' : status === HandoffItemStatus.WAIVED ? '[~]' : '[ ]');

export function checklistMarkdown(d: ChecklistData): string {
  const items = d.customers.flatMap((c) => c.items);
  const count = (s: string) => items.filter((i) => i.status === s).length;
  const successors = [...new Map(items.filter((i) => i.assignee).map((i) => [i.assignee!.name, i.assignee!])).values()];
  const lines = [
    `# Handoff checklist ${d.id}`,
    '',
    `- Reason: ${d.reason}${d.until ? ` (cover until ${day(d.until)})` : ''}`,
    `- Effective: ${day(d.effectiveAt)}`,
    `- From: ${withPhone(d.from)}`,
    `- To: ${successors.map(withPhone).join(', ') || 'nobody'}`,
    `- Status: ${d.status}; ${items.length} items: ${count(HandoffItemStatus.OPEN)} open, ${count(HandoffItemStatus.DONE)} done, ${count(HandoffItemStatus.WAIVED)} waived`,
    '',
    'Legend: [ ] open, [x] done, [~] waived.',
  ];
  for (const c of d.customers) {
    lines.push('', `## ${c.name}${c.tier ? ` (${c.tier})` : ''}`, '');
    for (const i of c.items) {
      const extra =
        i.status !== HandoffItemStatus.OPEN && (i.note || i.doneAt) ? ` — ${[day(i.doneAt), i.note].filter(Boolean).join(': ')}` : '';
      lines.push(`- ${box(i.status)} ${i.seq}. ${describeItem(i)}${extra}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const csvCell = (v: unknown) => {
  const s = v == null ? '' : String(v);
  // Quote when needed; a cell starting with = + - @, a tab or a carriage return is neutralised with a
  // leading ' so spreadsheets do not run it as a formula (OWASP CSV injection; a tab or CR followed
  // by = is a formula to some spreadsheets). Phone numbers such as +86 138 … are left as they are.
  const formula = /^[=@\t\r]/.test(s) || (/^[+-]/.test(s) && !/^[+-][\d ()-]+$/.test(s));
  const safe = formula ? `'${s}` : s;
  return /[",\n\r]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export const CHECKLIST_CSV_COLUMNS = [
  'handoff',
  'customer_id',
  'customer',
  'seq',
  'kind',
  'status',
  'task',
  'subject_id',
  'phone',
  'case_number',
  'assignee',
  'assignee_phone',
  'done_at',
  'note',
];

export function checklistCsv(d: ChecklistData): string {
  const rows = [CHECKLIST_CSV_COLUMNS];
  for (const c of d.customers) {
    for (const i of c.items) {
      rows.push([
        d.id,
        c.id,
        c.name,
        String(i.seq),
        i.kind,
        i.status,
        describeItem(i),
        i.subject?.id ?? '',
        i.subject?.phone ?? '',
        i.kind === HandoffItemKind.TRANSFER_CASE ? (i.subject?.number ?? '') : '',
        i.assignee?.name ?? '',
        i.assignee?.phone ?? '',
        i.doneAt ?? '',
        i.note ?? '',
      ]);
    }
  }
  return `\ufeff${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
