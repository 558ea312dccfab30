import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CaseKind, CaseSeverity, CustomerTier } from './enums';

/**
 * The SLA policy and the attention thresholds (issue 6). Pure data plus a validating loader; the only
 * I/O is `policyFromFile` / `policyFromEnv`, which read one JSON file named by RAPPORT_POLICY_FILE.
 *
 * How a cell (kind × severity × tier) is computed:
 *   sla[kind][severity][tier][field] = explicit override in `sla`        if given
 *                                    = base[kind][severity][field] × tierFactor[tier]   otherwise
 * so `base` + `tierFactor` describe the whole matrix, and `sla` holds the exceptions.
 * All times are calendar hours (no business-hours calendar yet); WAITING_CUSTOMER does not pause the clock.
 */

export interface SlaTarget {
  /** Hours from openedAt until someone must respond (accept / dispatch). */
  respondHours: number;
  /** Hours from openedAt until the case must be resolved (service restored, result reported). */
  resolveHours: number;
  /** Longest allowed silence towards the customer on an open case, in hours. */
  silenceHours: number;
}

export type SlaField = keyof SlaTarget;
export type SlaBase = Record<CaseKind, Record<CaseSeverity, SlaTarget>>;
export type SlaMatrix = Record<CaseKind, Record<CaseSeverity, Record<CustomerTier, SlaTarget>>>;

export interface AttentionThresholds {
  /** NO_CONTACT_IN_DAYS: days without an interaction with any current contact, per tier. */
  noContactDays: Record<CustomerTier, number>;
  /**
   * Ceiling on customer silence for any open case (CASE_CUSTOMER_SILENCE uses the smaller of this and
   * the case's SLA silenceHours) and the "owner is silent" test of CASE_MANY_HANDS_NO_OWNER (case C11).
   */
  customerSilenceHours: number;
  /** ENGINEER_OVERLOADED: a primary covering more than maxCustomers customers or maxRegions regions (C3). */
  overloadedPrimary: { maxCustomers: number; maxRegions: number };
  /** A handoff giving one successor more than this many customers warns that visits will be rushed (C4). */
  handoffPortfolioSize: number;
  /** CASE_MANY_HANDS_NO_OWNER: this many distinct engineers worked on the case (C11). */
  caseManyHands: number;
  /** MAINTENANCE_EXPIRING: maintenance ends within this many days. */
  maintenanceExpiringDays: number;
  /** SLA_BREACHED also counts closed cases resolved late if they were resolved within this many days. */
  lateResolvedLookbackDays: number;
}

export interface SlaPolicy {
  /** The standard asks to classify a request within 15 minutes; kept for the intake side, not a clock here. */
  classifyMinutes: number;
  tierFactor: Record<CustomerTier, number>;
  base: SlaBase;
  /** The effective matrix, every cell filled in. */
  sla: SlaMatrix;
  thresholds: AttentionThresholds;
}

const KINDS = Object.values(CaseKind);
const SEVERITIES = Object.values(CaseSeverity);
const TIERS = Object.values(CustomerTier);
const FIELDS: SlaField[] = ['respondHours', 'resolveHours', 'silenceHours'];

const t = (respondHours: number, resolveHours: number, silenceHours: number): SlaTarget => ({
  respondHours,
  resolveHours,
  silenceHours,
});

/**
 * STANDARD-tier targets, from the carrier service standard: urgent outages respond 2 h / restore 48 h;
 * ordinary requests dispatched within 2 h and done within 24 h; complaints answered within 48 h with
 * the result reported within 72 h. Cells the standard is silent on are our judgement, kept in the same
 * proportions (less severe → longer). Every silence limit is at most 48 h, below customerSilenceHours.
 */
export const DEFAULT_BASE: SlaBase = {
  [CaseKind.FAULT]: {
    [CaseSeverity.CRITICAL]: t(2, 48, 4),
    [CaseSeverity.MAJOR]: t(4, 72, 12),
    [CaseSeverity.MINOR]: t(8, 120, 24),
  },
  [CaseKind.SERVICE_REQUEST]: {
    [CaseSeverity.CRITICAL]: t(2, 12, 6),
    [CaseSeverity.MAJOR]: t(2, 24, 12),
    [CaseSeverity.MINOR]: t(2, 24, 24),
  },
  [CaseKind.COMPLAINT]: {
    [CaseSeverity.CRITICAL]: t(24, 48, 24),
    [CaseSeverity.MAJOR]: t(48, 72, 48),
    [CaseSeverity.MINOR]: t(48, 72, 48),
  },
  [CaseKind.CHANGE]: {
    // CRITICAL = emergency change; planned changes run on the agreed window, hence the longer limits.
    [CaseSeverity.CRITICAL]: t(2, 24, 8),
    [CaseSeverity.MAJOR]: t(8, 72, 24),
    [CaseSeverity.MINOR]: t(24, 168, 48),
  },
};

/** VIP and key accounts get priority: their limits are the STANDARD ones times this factor. */
export const DEFAULT_TIER_FACTOR: Record<CustomerTier, number> = {
  [CustomerTier.VIP]: 0.5,
  [CustomerTier.KEY]: 0.75,
  [CustomerTier.STANDARD]: 1,
};

export const DEFAULT_THRESHOLDS: AttentionThresholds = {
  noContactDays: { [CustomerTier.VIP]: 14, [CustomerTier.KEY]: 30, [CustomerTier.STANDARD]: 60 },
  customerSilenceHours: 72,
  overloadedPrimary: { maxCustomers: 15, maxRegions: 2 },
  handoffPortfolioSize: 10,
  caseManyHands: 3,
  maintenanceExpiringDays: 30,
  lateResolvedLookbackDays: 30,
};

export const DEFAULT_CLASSIFY_MINUTES = 15;

export class PolicyError extends Error {
  constructor(
    readonly problems: string[],
    readonly origin?: string,
  ) {
    super(`Invalid SLA policy${origin ? ` in ${origin}` : ''}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PolicyError';
  }
}

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Collects problems while reading the untrusted source, so every bad path is reported at once. */
class Reader {
  readonly problems: string[] = [];

  /** The object at `path`, or undefined when absent; reports wrong types and unknown keys. */
  object(v: unknown, path: string, allowed: readonly string[]): Obj | undefined {
    if (v === undefined) return undefined;
    if (!isObject(v)) {
      this.problems.push(`${path} must be an object`);
      return undefined;
    }
    for (const key of Object.keys(v)) {
      if (!allowed.includes(key)) {
        this.problems.push(`${path ? `${path}.` : ''}${key} is not a known setting (expected one of ${allowed.join(', ')})`);
      }
    }
    return v;
  }

  number(v: unknown, path: string, dflt: number, rule: 'positive' | 'positiveInt' | 'atLeast2Int'): number {
    if (v === undefined) return dflt;
    const ok =
      typeof v === 'number' &&
      Number.isFinite(v) &&
      (rule === 'positive' ? v > 0 : Number.isInteger(v) && v >= (rule === 'atLeast2Int' ? 2 : 1));
    if (!ok) {
      const what = { positive: 'a positive number', positiveInt: 'a positive integer', atLeast2Int: 'an integer of at least 2' }[rule];
      this.problems.push(`${path} must be ${what}`);
      return dflt;
    }
    return v as number;
  }
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/**
 * Builds a policy from a parsed JSON object of partial overrides (absent keys keep the defaults) and
 * validates it. Throws a PolicyError listing every bad path, e.g.
 * `sla.FAULT.CRITICAL.VIP.respondHours must be a positive number`.
 */
export function loadPolicy(source: unknown = {}, origin?: string): SlaPolicy {
  const r = new Reader();
  if (source === null || !isObject(source)) throw new PolicyError(['the policy must be a JSON object'], origin);
  const src = r.object(source, '', ['$schema', 'description', 'classifyMinutes', 'tierFactor', 'base', 'sla', 'thresholds'])!;
  if (src.description !== undefined && typeof src.description !== 'string') r.problems.push('description must be a string');

  const classifyMinutes = r.number(src.classifyMinutes, 'classifyMinutes', DEFAULT_CLASSIFY_MINUTES, 'positive');

  const tf = r.object(src.tierFactor, 'tierFactor', TIERS);
  const tierFactor = {} as Record<CustomerTier, number>;
  for (const tier of TIERS) tierFactor[tier] = r.number(tf?.[tier], `tierFactor.${tier}`, DEFAULT_TIER_FACTOR[tier], 'positive');

  const srcBase = r.object(src.base, 'base', KINDS);
  const srcSla = r.object(src.sla, 'sla', KINDS);
  const base = {} as SlaBase;
  const sla = {} as SlaMatrix;
  for (const kind of KINDS) {
    const bk = r.object(srcBase?.[kind], `base.${kind}`, SEVERITIES);
    const sk = r.object(srcSla?.[kind], `sla.${kind}`, SEVERITIES);
    base[kind] = {} as Record<CaseSeverity, SlaTarget>;
    sla[kind] = {} as Record<CaseSeverity, Record<CustomerTier, SlaTarget>>;
    for (const sev of SEVERITIES) {
      const bs = r.object(bk?.[sev], `base.${kind}.${sev}`, FIELDS);
      const ss = r.object(sk?.[sev], `sla.${kind}.${sev}`, TIERS);
      const b = {} as SlaTarget;
      for (const f of FIELDS) b[f] = r.number(bs?.[f], `base.${kind}.${sev}.${f}`, DEFAULT_BASE[kind][sev][f], 'positive');
      base[kind][sev] = b;
      sla[kind][sev] = {} as Record<CustomerTier, SlaTarget>;
      for (const tier of TIERS) {
        const cellPath = `sla.${kind}.${sev}.${tier}`;
        const st = r.object(ss?.[tier], cellPath, FIELDS);
        const cell = {} as SlaTarget;
        for (const f of FIELDS) cell[f] = r.number(st?.[f], `${cellPath}.${f}`, round2(b[f] * tierFactor[tier]), 'positive');
        sla[kind][sev][tier] = cell;
      }
    }
  }

  const th = r.object(src.thresholds, 'thresholds', Object.keys(DEFAULT_THRESHOLDS));
  const ncd = r.object(th?.noContactDays, 'thresholds.noContactDays', TIERS);
  const noContactDays = {} as Record<CustomerTier, number>;
  for (const tier of TIERS) {
    noContactDays[tier] = r.number(ncd?.[tier], `thresholds.noContactDays.${tier}`, DEFAULT_THRESHOLDS.noContactDays[tier], 'positive');
  }
  const op = r.object(th?.overloadedPrimary, 'thresholds.overloadedPrimary', ['maxCustomers', 'maxRegions']);
  const D = DEFAULT_THRESHOLDS;
  const thresholds: AttentionThresholds = {
    noContactDays,
    customerSilenceHours: r.number(th?.customerSilenceHours, 'thresholds.customerSilenceHours', D.customerSilenceHours, 'positive'),
    overloadedPrimary: {
      maxCustomers: r.number(
        op?.maxCustomers,
        'thresholds.overloadedPrimary.maxCustomers',
        D.overloadedPrimary.maxCustomers,
        'positiveInt',
      ),
      maxRegions: r.number(op?.maxRegions, 'thresholds.overloadedPrimary.maxRegions', D.overloadedPrimary.maxRegions, 'positiveInt'),
    },
    handoffPortfolioSize: r.number(th?.handoffPortfolioSize, 'thresholds.handoffPortfolioSize', D.handoffPortfolioSize, 'positiveInt'),
    caseManyHands: r.number(th?.caseManyHands, 'thresholds.caseManyHands', D.caseManyHands, 'atLeast2Int'),
    maintenanceExpiringDays: r.number(
      th?.maintenanceExpiringDays,
      'thresholds.maintenanceExpiringDays',
      D.maintenanceExpiringDays,
      'positive',
    ),
    lateResolvedLookbackDays: r.number(
      th?.lateResolvedLookbackDays,
      'thresholds.lateResolvedLookbackDays',
      D.lateResolvedLookbackDays,
      'positive',
    ),
  };

  // Checks on the merged cells catch contradictions an override makes with a default (or a factor).
  for (const kind of KINDS) {
    for (const sev of SEVERITIES) {
      for (const tier of TIERS) {
        const c = sla[kind][sev][tier];
        const p = `sla.${kind}.${sev}.${tier}`;
        for (const f of FIELDS) if (!(c[f] > 0)) r.problems.push(`${p}.${f} must be a positive number (it rounds to ${c[f]})`);
        if (c.respondHours > c.resolveHours) {
          r.problems.push(`${p}.respondHours (${c.respondHours}) must not exceed resolveHours (${c.resolveHours})`);
        }
      }
    }
  }

  if (r.problems.length) throw new PolicyError(r.problems, origin);
  return { classifyMinutes, tierFactor, base, sla, thresholds };
}

function deepFreeze<T>(o: T): T {
  if (isObject(o)) {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

/** The defaults, frozen: callers that want to tweak one build a new policy with loadPolicy. */
export const DEFAULT_POLICY: SlaPolicy = deepFreeze(loadPolicy({}));

/** Reads and validates a JSON policy file (partial overrides, see loadPolicy). */
export function policyFromFile(file: string): SlaPolicy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new PolicyError([`cannot read the file: ${(e as Error).message}`], file);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new PolicyError([`not valid JSON: ${(e as Error).message}`], file);
  }
  return loadPolicy(parsed, file);
}

/** RAPPORT_POLICY_FILE names a JSON policy file (relative to the working directory); absent → defaults. */
export function policyFromEnv(env: NodeJS.ProcessEnv = process.env): SlaPolicy {
  const file = env.RAPPORT_POLICY_FILE?.trim();
  return file ? policyFromFile(path.resolve(file)) : DEFAULT_POLICY;
}

/** The target for one case kind × severity × customer tier. */
export function slaTarget(policy: SlaPolicy, kind: CaseKind, severity: CaseSeverity, tier: CustomerTier): SlaTarget {
  return policy.sla[kind][severity][tier];
}
