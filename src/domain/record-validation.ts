import type { FieldProblem } from '../errors';
import { labelOfId } from './ids';
import { parseIsoDateTime } from '../schema/date-time.scalar';
import type { EdgeKind, FieldSpec, LinkSpec, NodeKind } from '../graph/kinds';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** International or Chinese numbers: digits with optional +, spaces, dashes, parentheses; 5 to 20 digits. */
const PHONE = /^\+?[0-9 ()-]{5,25}$/;

function checkField(spec: FieldSpec, raw: unknown, problems: FieldProblem[]): unknown {
  if (raw === undefined || raw === null || raw === '') {
    if (spec.required) problems.push({ field: spec.name, reason: 'is required' });
    return spec.default ?? null;
  }
  switch (spec.type) {
    case 'string':
    case 'text': {
      const v = String(raw).trim();
      if (spec.max && v.length > spec.max) problems.push({ field: spec.name, reason: `is longer than ${spec.max} characters` });
      if (spec.format === 'email' && !EMAIL.test(v)) problems.push({ field: spec.name, reason: `"${v}" is not an e-mail address` });
      if (spec.format === 'phone' && (!PHONE.test(v) || v.replace(/\D/g, '').length < 5)) {
        problems.push({ field: spec.name, reason: `"${v}" is not a phone number` });
      }
      if (spec.required && v === '') problems.push({ field: spec.name, reason: 'is required' });
      return v;
    }
    case 'enum': {
      const v = String(raw).trim();
      if (!spec.values!.includes(v)) problems.push({ field: spec.name, reason: `"${v}" is not one of ${spec.values!.join(', ')}` });
      return v;
    }
    case 'datetime': {
      const v = typeof raw === 'string' ? parseIsoDateTime(raw.trim()) : null;
      if (!v) problems.push({ field: spec.name, reason: `"${raw}" is not an ISO-8601 date-time` });
      return v;
    }
    case 'int':
    case 'number': {
      const v = typeof raw === 'number' ? raw : Number(String(raw).trim());
      if (!Number.isFinite(v) || (spec.type === 'int' && !Number.isInteger(v)))
        problems.push({ field: spec.name, reason: `"${raw}" is not a${spec.type === 'int' ? 'n integer' : ' number'}` });
      return v;
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      const t = String(raw).trim().toLowerCase();
      if (t === 'true') return true;
      if (t === 'false') return false;
      problems.push({ field: spec.name, reason: `"${raw}" is not true or false` });
      return null;
    }
    case 'string[]': {
      const list = Array.isArray(raw) ? raw : String(raw).split(/[;|]/);
      return list.map((x) => String(x).trim()).filter(Boolean);
    }
  }
}

function checkLink(link: LinkSpec, raw: unknown, problems: FieldProblem[]): unknown {
  const targets = Array.isArray(link.target) ? link.target : [link.target];
  const check = (v: string) => {
    const l = labelOfId(v);
    if (!l || !targets.includes(l)) problems.push({ field: link.field, reason: `"${v}" is not a ${targets.join(' or ')} id` });
  };
  if (raw === undefined || raw === null || raw === '') {
    if (link.required) problems.push({ field: link.field, reason: 'is required' });
    return null;
  }
  if (link.many) {
    const list = (Array.isArray(raw) ? raw : String(raw).split(/[;|]/)).map((x) => String(x).trim()).filter(Boolean);
    list.forEach(check);
    return list;
  }
  const v = String(raw).trim();
  check(v);
  return v;
}

/** Validates and normalises one record of a kind; every problem is reported, by field. */
export function validateRecord(
  kind: NodeKind | EdgeKind,
  raw: Record<string, unknown>,
): { row: Record<string, unknown>; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const row: Record<string, unknown> = {};
  for (const f of kind.fields) row[f.name] = checkField(f, raw[f.name], problems);
  if ('label' in kind) {
    const idLabel = typeof row.id === 'string' ? labelOfId(row.id) : null;
    if (row.id && idLabel !== kind.label) problems.push({ field: 'id', reason: `"${row.id}" is not a ${kind.label} id` });
    for (const link of kind.links) row[link.field] = checkLink(link, raw[link.field], problems);
  } else {
    for (const end of [kind.from, kind.to]) {
      row[end.field] = checkLink(
        { field: end.field, rel: kind.rel, target: end.label, direction: 'out', required: true },
        raw[end.field],
        problems,
      );
    }
    if (row.id && labelOfId(String(row.id)) !== 'Coverage' && kind.key.includes('id'))
      problems.push({ field: 'id', reason: `"${row.id}" is not a coverage id (cov_…)` });
  }
  const from = row.from as string | null;
  const to = row.to as string | null;
  if (from && to && new Date(to) <= new Date(from)) problems.push({ field: 'to', reason: 'must be after from' });
  const known = new Set([
    ...kind.fields.map((f) => f.name),
    ...('links' in kind ? kind.links.map((l) => l.field) : [kind.from.field, kind.to.field]),
  ]);
  for (const k of Object.keys(raw)) if (!known.has(k)) problems.push({ field: k, reason: 'is not a field of ' + kind.kind });
  return { row, problems };
}
