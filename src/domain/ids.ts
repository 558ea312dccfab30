import { randomBytes } from 'node:crypto';

/**
 * Ids are globally unique and say what they name: a prefix per kind, then a slug.
 * `cus_cm-urumqi`, `eng_zhang-wei`, `cas_2025-0611`. `node(id)` finds the label from the prefix.
 */
export const ID_PREFIXES = {
  reg: 'Region',
  cus: 'Customer',
  con: 'Contact',
  eng: 'Engineer',
  par: 'Partner',
  dev: 'Device',
  cas: 'Case',
  int: 'Interaction',
  com: 'Commitment',
  hof: 'Handoff',
  hoi: 'HandoffItem',
  cov: 'Coverage',
  chg: 'Change',
  acc: 'AccessLog',
  abs: 'Absence',
  opr: 'Operation',
} as const;

export type IdPrefix = keyof typeof ID_PREFIXES;
export type NodeLabel = (typeof ID_PREFIXES)[IdPrefix];

const ID_PATTERN = /^(reg|cus|con|eng|par|dev|cas|int|com|hof|hoi|cov|chg|acc|abs|opr)_[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/;

export function isWellFormedId(id: string): boolean {
  return ID_PATTERN.test(id);
}

/** The label an id names, or null when the id is malformed. */
export function labelOfId(id: string): NodeLabel | null {
  if (!isWellFormedId(id)) return null;
  return ID_PREFIXES[id.slice(0, id.indexOf('_')) as IdPrefix];
}

export function prefixOf(label: NodeLabel): IdPrefix {
  return (Object.keys(ID_PREFIXES) as IdPrefix[]).find((p) => ID_PREFIXES[p] === label)!;
}

/** A new id for a node created through the API. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${Date.now().toString(36)}${randomBytes(5).toString('hex')}`;
}
