import { createWriteStream, promises as fsp, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { NODE_KINDS } from '../src/graph/kinds';
import * as N from './names';
import { Rng, hashUnit } from './random';

/**
 * The benchmark's synthetic graph, written as bulk-import files (JSON Lines, one file per record
 * kind) so that loading it is measured through the real import path.
 *
 * Deterministic: the bytes depend only on (seed, scale, anchor). Every file draws from its own
 * seeded stream; attributes that several files must agree on (which cases are open, which contacts
 * have left) come from a stateless hash of (seed, index). Ids are computed from indices, so the
 * generator holds a few typed arrays per customer and engineer, never the records: the large scale
 * streams in bounded memory.
 *
 * Dates are relative to `anchor` (default: today, UTC midnight) so that "open", "expired" and
 * "overdue" mean the same thing whenever the data is generated.
 */

export interface ScaleCounts {
  regions: number;
  partners: number;
  customers: number;
  contacts: number;
  engineers: number;
  devices: number;
  cases: number;
  interactions: number;
  commitments: number;
  handoffs: number;
}

/** The large scale from issue 8; medium = 1/10, small = 1/100. */
export const LARGE: ScaleCounts = {
  regions: 300,
  partners: 50,
  customers: 50_000,
  contacts: 250_000,
  engineers: 5_000,
  devices: 100_000,
  cases: 300_000,
  interactions: 500_000,
  commitments: 20_000,
  handoffs: 2_000,
};

export const SCALE_DIVISORS: Record<string, number> = { large: 1, medium: 10, small: 100, tiny: 1000 };

/** The counts at 1/divisor of the large scale (with small floors so that tiny graphs stay coherent). */
export function scaleCounts(divisor: number): ScaleCounts {
  const d = (n: number, floor = 1) => Math.max(floor, Math.round(n / divisor));
  return {
    regions: d(LARGE.regions, 5),
    partners: d(LARGE.partners, 2),
    customers: d(LARGE.customers, 20),
    contacts: d(LARGE.contacts, 60),
    engineers: d(LARGE.engineers, 8),
    devices: d(LARGE.devices),
    cases: d(LARGE.cases),
    interactions: d(LARGE.interactions),
    commitments: d(LARGE.commitments),
    handoffs: d(LARGE.handoffs),
  };
}

export function parseScale(scale: string): { name: string; divisor: number } {
  if (SCALE_DIVISORS[scale]) return { name: scale, divisor: SCALE_DIVISORS[scale] };
  const m = /^1\/(\d+)$/.exec(scale);
  if (m && Number(m[1]) >= 1) return { name: `1-${m[1]}`, divisor: Number(m[1]) };
  throw new Error(`unknown scale "${scale}": small, medium, large, tiny or 1/<divisor>`);
}

export const DEFAULT_SEED = 8;
export const IMPORT_DIR = 'import';
export const MANIFEST_FILE = 'manifest.json';

export interface GenerateOptions {
  /** The output directory: import files go to <out>/import, the manifest to <out>/manifest.json. */
  out: string;
  divisor: number;
  scaleName?: string;
  seed?: number;
  /** YYYY-MM-DD or an ISO instant; default today (UTC midnight). */
  anchor?: string;
  onProgress?: (message: string) => void;
}

export interface Manifest {
  scale: string;
  divisor: number;
  seed: number;
  anchor: string;
  counts: ScaleCounts & { handoffItems: number; coverage: number; employments: number; caseOwnerships: number };
  files: { file: string; rows: number; bytes: number }[];
  /** Nodes and relationships the import should create (the importer's own accounting: a row plus its links). */
  nodes: number;
  relationships: number;
  samples: {
    /** Customers with a handoff item (their card has a last handoff), in generation order. */
    cardCustomerIds: string[];
    /** The engineer who covers the most customers, and an ACTIVE colleague in the same city. */
    busiestEngineerId: string;
    busiestPortfolio: number;
    successorEngineerId: string;
  };
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const pad = (n: number, width = 6) => String(n).padStart(width, '0');
const iso = (ms: number) => new Date(Math.floor(ms / 60_000) * 60_000).toISOString();

export const ids = {
  province: (p: number) => `reg_p${pad(p + 1, 2)}`,
  city: (c: number) => `reg_c${pad(c + 1, 4)}`,
  partner: (i: number) => `par_${pad(i + 1, 3)}`,
  customer: (i: number) => `cus_${pad(i + 1)}`,
  contact: (i: number) => `con_${pad(i + 1)}`,
  engineer: (i: number) => `eng_${pad(i + 1, 5)}`,
  device: (i: number) => `dev_${pad(i + 1)}`,
  case: (i: number) => `cas_${pad(i + 1)}`,
  interaction: (i: number) => `int_${pad(i + 1)}`,
  commitment: (i: number) => `com_${pad(i + 1)}`,
  handoff: (i: number) => `hof_${pad(i + 1, 5)}`,
  handoffItem: (i: number) => `hoi_${pad(i + 1)}`,
  coverage: (i: number) => `cov_${pad(i + 1, 7)}`,
};

// Salts of the stateless attributes.
const SALT = { engKind: 1, engStatus: 2, former: 3, caseOpen: 4, archived: 5 } as const;

/** Buffered JSON Lines output with back-pressure. */
class JsonlFile {
  rows = 0;
  bytes = 0;
  /** Rows at the last progress message. */
  logged = 0;
  private parts: string[] = [];
  private pending = 0;
  private readonly stream: WriteStream;
  constructor(readonly file: string) {
    this.stream = createWriteStream(file);
  }
  /** True when the buffer should be flushed. */
  add(record: object): boolean {
    const line = JSON.stringify(record) + '\n';
    this.parts.push(line);
    this.pending += line.length;
    this.rows++;
    return this.pending >= 1 << 20;
  }
  async flush(): Promise<void> {
    if (!this.parts.length) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.pending = 0;
    this.bytes += Buffer.byteLength(chunk);
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }
  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => this.stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}

/** Offsets (length n+1) that split `total` items over n owners: `min` each, the rest by weight. */
function distribute(total: number, weights: Float64Array, min: number, rng: Rng): Int32Array {
  const n = weights.length;
  const counts = new Int32Array(n).fill(Math.min(min, Math.floor(total / n)));
  let rest = total - counts[0] * n;
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cumulative[i] = sum += weights[i];
  while (rest-- > 0) {
    const x = rng.float() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    counts[lo]++;
  }
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i] + counts[i];
  return offsets;
}

/** Links per kind, for the expected nodes + relationships figure (same accounting as the importer). */
const LINK_FIELDS = new Map(NODE_KINDS.map((k) => [k.kind, k.links.map((l) => ({ field: l.field, many: Boolean(l.many) }))]));
function linkCount(kind: string, record: Record<string, unknown>): number {
  let n = 0;
  for (const l of LINK_FIELDS.get(kind) ?? []) {
    const v = record[l.field];
    if (v == null) continue;
    n += l.many ? (v as unknown[]).length : 1;
  }
  return n;
}

type Role = 'PRIMARY' | 'BACKUP' | 'PARTNER_ONSITE' | 'SERVICE_MANAGER' | 'ACCOUNT_MANAGER' | 'PRODUCT_LEAD';
const ROLES: Role[] = ['PRIMARY', 'BACKUP', 'PARTNER_ONSITE', 'SERVICE_MANAGER', 'ACCOUNT_MANAGER', 'PRODUCT_LEAD'];

/** The position of a contact in its customer's organisation (0 = the top). */
function contactShape(pos: number, n: number): { role: string; managerPos: number | null } {
  const managers = n <= 2 ? n - 1 : n <= 6 ? 1 : 2;
  const supervisors = n <= 3 ? 0 : Math.max(1, Math.floor((n - 1 - managers) / 4));
  if (pos === 0) return { role: 'EXECUTIVE', managerPos: null };
  if (pos <= managers) return { role: 'MANAGER', managerPos: 0 };
  if (pos <= managers + supervisors) return { role: 'SUPERVISOR', managerPos: 1 + (pos % managers) };
  const boss = supervisors > 0 ? managers + 1 + (pos % supervisors) : managers > 0 ? 1 + (pos % managers) : 0;
  return { role: pos % 3 === 0 ? 'ON_DUTY' : 'ENGINEER', managerPos: boss };
}

export async function generateDataset(opts: GenerateOptions): Promise<Manifest> {
  const seed = (opts.seed ?? DEFAULT_SEED) >>> 0;
  const anchorText = opts.anchor ?? new Date().toISOString().slice(0, 10);
  const anchor = Date.parse(/T/.test(anchorText) ? anchorText : `${anchorText}T00:00:00Z`);
  if (Number.isNaN(anchor)) throw new Error(`--anchor "${anchorText}" is not a date (YYYY-MM-DD)`);
  const counts = scaleCounts(opts.divisor);
  const log = opts.onProgress ?? (() => {});
  const dir = path.join(opts.out, IMPORT_DIR);
  await fsp.rm(dir, { recursive: true, force: true });
  await fsp.mkdir(dir, { recursive: true });

  const C = counts.customers;
  const E = counts.engineers;
  const provinces = Math.max(1, Math.round(counts.regions / 10));
  const cities = counts.regions - provinces;
  const provinceOfCity = (c: number) => c % provinces;
  const cityOfCustomer = (i: number) => Math.floor((i * cities) / C);
  const firstCustomerOfCity = (c: number) => Math.ceil((c * C) / cities);
  const cityOfEngineer = (j: number) => j % cities;

  // ---- engineers: kind and status are stateless so that every file agrees ----
  const BUSIEST = 0;
  const SUCCESSOR = cities < E ? cities : 1; // the next engineer based in city 0
  const engKind = (j: number) =>
    j === BUSIEST || j === SUCCESSOR ? 'EMPLOYEE' : hashUnit(seed, SALT.engKind, j) < 0.3 ? 'PARTNER' : 'EMPLOYEE';
  const engStatus = (j: number) => {
    if (j === BUSIEST || j === SUCCESSOR) return 'ACTIVE';
    const x = hashUnit(seed, SALT.engStatus, j);
    return x < 0.9 ? 'ACTIVE' : x < 0.94 ? 'ON_LEAVE' : x < 0.97 ? 'TRANSFERRED' : 'LEFT';
  };
  const employeesByCity: number[][] = Array.from({ length: cities }, () => []);
  const partnersByCity: number[][] = Array.from({ length: cities }, () => []);
  const employeesByProvince: number[][] = Array.from({ length: provinces }, () => []);
  const allEmployees: number[] = [];
  const allPartnerEngineers: number[] = [];
  for (let j = 0; j < E; j++) {
    const c = cityOfEngineer(j);
    if (engKind(j) === 'PARTNER') {
      partnersByCity[c].push(j);
      allPartnerEngineers.push(j);
    } else {
      employeesByCity[c].push(j);
      employeesByProvince[provinceOfCity(c)].push(j);
      allEmployees.push(j);
    }
  }
  /** An engineer from the first non-empty list, avoiding `not`. */
  const pickFrom = (rng: Rng, lists: number[][], not: number[] = []): number => {
    for (const list of lists) {
      const ok = list.filter((x) => !not.includes(x));
      if (ok.length) return rng.pick(ok);
    }
    return -1;
  };

  // ---- the plan: per-customer tier, weights and current coverage ----
  const plan = new Rng(seed, 'plan');
  const tierOf = new Uint8Array(C); // 0 VIP, 1 KEY, 2 STANDARD
  const weight = new Float64Array(C);
  const cover: Record<Role, Int32Array> = Object.fromEntries(ROLES.map((r) => [r, new Int32Array(C).fill(-1)])) as Record<Role, Int32Array>;
  const busyN = Math.min(Math.floor(C / 4), 100);
  for (let i = 0; i < C; i++) {
    const t = plan.weighted([
      [0, 5],
      [1, 20],
      [2, 75],
    ] as const);
    tierOf[i] = t;
    weight[i] = [3, 1.8, 1][t] * (0.5 + plan.float());
    const c = cityOfCustomer(i);
    const p = provinceOfCity(c);
    const local = [employeesByCity[c], employeesByProvince[p], allEmployees];
    // A few customers lost their primary and nobody replaced him (NO_PRIMARY_COVERAGE).
    const primary = i < busyN ? BUSIEST : plan.chance(0.015) ? -1 : pickFrom(plan, local, [BUSIEST]);
    cover.PRIMARY[i] = primary;
    cover.BACKUP[i] = pickFrom(plan, local, [primary, BUSIEST]);
    if (plan.chance(0.4)) cover.PARTNER_ONSITE[i] = pickFrom(plan, [partnersByCity[c], allPartnerEngineers]);
    if (plan.chance(0.3)) cover.SERVICE_MANAGER[i] = pickFrom(plan, [employeesByProvince[p], allEmployees], [BUSIEST]);
    if (plan.chance(0.25)) cover.ACCOUNT_MANAGER[i] = pickFrom(plan, [employeesByProvince[p], allEmployees], [BUSIEST]);
    if (plan.chance(0.1)) cover.PRODUCT_LEAD[i] = pickFrom(plan, [allEmployees], [BUSIEST]);
  }
  const engineersOf = (i: number) => ROLES.map((r) => cover[r][i]).filter((j) => j >= 0);
  // The busiest engineer must be the busiest at every scale: when the PRIMARY roles above are not
  // enough (small graphs), he also becomes SERVICE_MANAGER of the next customers until he covers
  // half again as many customers as anybody else.
  {
    const size = new Int32Array(E);
    for (let i = 0; i < C; i++) for (const j of new Set(engineersOf(i))) size[j]++;
    let othersMax = 0;
    for (let j = 0; j < E; j++) if (j !== BUSIEST) othersMax = Math.max(othersMax, size[j]);
    for (let i = busyN; i < C && size[BUSIEST] <= Math.ceil(othersMax * 1.5); i++) {
      if (engineersOf(i).includes(BUSIEST)) continue;
      cover.SERVICE_MANAGER[i] = BUSIEST;
      size[BUSIEST]++;
    }
  }
  const contactOff = distribute(counts.contacts, weight, 2, plan);
  const deviceOff = distribute(counts.devices, weight, 0, plan);
  const caseOff = distribute(counts.cases, weight, 0, plan);
  const interactionOff = distribute(counts.interactions, weight, 0, plan);
  const commitmentOff = distribute(counts.commitments, weight, 0, plan);

  const isFormerContact = (k: number, pos: number, n: number) =>
    contactShape(pos, n).role !== 'EXECUTIVE' &&
    contactShape(pos, n).role !== 'MANAGER' &&
    contactShape(pos, n).role !== 'SUPERVISOR' &&
    hashUnit(seed, SALT.former, k) < 0.06;
  const currentContact = (rng: Rng, i: number): number => {
    const n = contactOff[i + 1] - contactOff[i];
    for (let tries = 0; tries < 4; tries++) {
      const pos = rng.int(n);
      if (!isFormerContact(contactOff[i] + pos, pos, n)) return contactOff[i] + pos;
    }
    return contactOff[i]; // the executive never leaves
  };
  const isOpenCase = (k: number) => hashUnit(seed, SALT.caseOpen, k) < 0.1;
  const isArchivedCustomer = (i: number) => i >= busyN && hashUnit(seed, SALT.archived, i) < 0.02;

  const files: JsonlFile[] = [];
  let nodes = 0;
  let relationships = 0;
  const started = Date.now();
  const open = (kind: string) => {
    const f = new JsonlFile(path.join(dir, `${kind}.jsonl`));
    files.push(f);
    return f;
  };
  const add = async (f: JsonlFile, record: Record<string, unknown>) => {
    if (!f.add(record)) return;
    await f.flush();
    if (f.rows - f.logged >= 100_000) {
      f.logged = f.rows;
      log(`  ${path.basename(f.file)}: ${f.rows.toLocaleString('en')} rows...`);
    }
  };
  const nodeRow = (f: JsonlFile, kind: string, record: Record<string, unknown>) => {
    nodes++;
    relationships += linkCount(kind, record);
    return add(f, record);
  };
  const edgeRow = (f: JsonlFile, record: Record<string, unknown>) => {
    relationships++;
    return add(f, record);
  };
  const done = async (...fs: JsonlFile[]) => {
    for (const f of fs) {
      await f.close();
      log(
        `${path.basename(f.file).padEnd(22)} ${f.rows.toLocaleString('en').padStart(9)} rows ${(f.bytes / 1e6).toFixed(1).padStart(7)} MB  (${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
    }
  };
  const personName = (rng: Rng) => {
    const s = rng.pick(N.SURNAMES);
    const g = rng.pick(N.GIVEN_NAMES);
    return { name: s[0] + g[0], nameLatin: `${g[1]} ${s[1]}` };
  };
  const phone = (rng: Rng) => `+86 1${rng.range(30, 89)} ${pad(rng.int(10_000), 4)} ${pad(rng.int(10_000), 4)}`;

  // ---- regions ----
  {
    const f = open('regions');
    for (let p = 0; p < provinces; p++) {
      const [zh] = N.PROVINCES[p % N.PROVINCES.length];
      await nodeRow(f, 'regions', {
        id: ids.province(p),
        name: p < N.PROVINCES.length ? zh : `${zh}${Math.floor(p / N.PROVINCES.length) + 1}`,
        kind: 'PROVINCE',
      });
    }
    for (let c = 0; c < cities; c++) {
      const [zh] = N.CITIES[c % N.CITIES.length];
      const name = c < N.CITIES.length ? zh : `${zh}${Math.floor(c / N.CITIES.length) + 1}区`;
      await nodeRow(f, 'regions', { id: ids.city(c), name, kind: 'CITY', parentId: ids.province(provinceOfCity(c)) });
    }
    await done(f);
  }

  // ---- partners ----
  {
    const f = open('partners');
    for (let i = 0; i < counts.partners; i++) {
      const base = N.PARTNER_NAMES[i % N.PARTNER_NAMES.length];
      await nodeRow(f, 'partners', {
        id: ids.partner(i),
        name: i < N.PARTNER_NAMES.length ? base : `${base} ${Math.floor(i / N.PARTNER_NAMES.length) + 1}`,
        status: 'ACTIVE',
      });
    }
    await done(f);
  }

  // ---- customers (a fifth are branches of their city's first customer) ----
  {
    const rng = new Rng(seed, 'customers');
    const f = open('customers');
    for (let i = 0; i < C; i++) {
      const c = cityOfCustomer(i);
      const op = rng.int(N.OPERATORS.length);
      const [cityZh, cityEn] = N.CITIES[c % N.CITIES.length];
      const head = firstCustomerOfCity(c);
      await nodeRow(f, 'customers', {
        id: ids.customer(i),
        name: `${N.OPERATORS[op][0]}${cityZh}分公司${pad(i + 1, 5)}`,
        nameLatin: `${N.OPERATORS[op][1]} ${cityEn} Branch ${pad(i + 1, 5)}`,
        tier: ['VIP', 'KEY', 'STANDARD'][tierOf[i]],
        segment: N.SEGMENT_OF_OPERATOR[op],
        status: isArchivedCustomer(i) ? 'ARCHIVED' : 'ACTIVE',
        regionId: ids.city(c),
        parentId: i > head && rng.chance(0.2) ? ids.customer(head) : undefined,
      });
    }
    await done(f);
  }

  // ---- engineers ----
  {
    const rng = new Rng(seed, 'engineers');
    const f = open('engineers');
    for (let j = 0; j < E; j++) {
      const who = personName(rng);
      const kind = engKind(j);
      const skills = [...new Set([rng.pick(N.SKILLS), rng.pick(N.SKILLS), rng.pick(N.SKILLS)].slice(0, rng.range(1, 3)))];
      await nodeRow(f, 'engineers', {
        id: ids.engineer(j),
        name: who.name,
        nameLatin: who.nameLatin,
        kind,
        status: engStatus(j),
        phone: phone(rng),
        email: `eng${pad(j + 1, 5)}@rapport.example`,
        skills,
        regionId: ids.city(cityOfEngineer(j)),
        partnerId: kind === 'PARTNER' ? ids.partner(rng.int(counts.partners)) : undefined,
      });
    }
    await done(f);
  }

  // ---- contacts and their employments (reporting lines top-down: a manager precedes his reports) ----
  {
    const rng = new Rng(seed, 'contacts');
    const f = open('contacts');
    const emp = open('employments');
    for (let i = 0; i < C; i++) {
      const n = contactOff[i + 1] - contactOff[i];
      for (let pos = 0; pos < n; pos++) {
        const k = contactOff[i] + pos;
        const shape = contactShape(pos, n);
        const who = personName(rng);
        await nodeRow(f, 'contacts', {
          id: ids.contact(k),
          name: who.name,
          nameLatin: who.nameLatin,
          title: rng.pick(N.CONTACT_TITLES[shape.role]),
          role: shape.role,
          phone: phone(rng),
          email: rng.chance(0.8) ? `c${pad(k + 1)}@customer.example` : undefined,
          status: 'ACTIVE',
          reportsToId: shape.managerPos == null ? undefined : ids.contact(contactOff[i] + shape.managerPos),
        });
        const from = anchor - rng.range(30, 2500) * DAY;
        // Some moved here from another customer: that earlier employment is history.
        if (C > 1 && rng.chance(0.05)) {
          let other = rng.int(C - 1);
          if (other >= i) other++;
          await edgeRow(emp, {
            contactId: ids.contact(k),
            customerId: ids.customer(other),
            from: iso(from - rng.range(400, 1500) * DAY),
            to: iso(from - rng.range(1, 300) * DAY),
            title: 'Engineer',
          });
        }
        const former = isFormerContact(k, pos, n);
        await edgeRow(emp, {
          contactId: ids.contact(k),
          customerId: ids.customer(i),
          from: iso(from),
          to: former ? iso(Math.min(anchor - DAY, from + rng.range(20, 900) * DAY)) : undefined,
          title: rng.pick(N.CONTACT_TITLES[shape.role]),
        });
      }
    }
    await done(f, emp);
  }

  // ---- devices (some out of maintenance, some about to be) ----
  {
    const rng = new Rng(seed, 'devices');
    const f = open('devices');
    for (let i = 0; i < C; i++) {
      for (let k = deviceOff[i]; k < deviceOff[i + 1]; k++) {
        const [model, productLine] = rng.pick(N.DEVICE_MODELS);
        const installed = anchor - rng.range(60, 3000) * DAY;
        const m = rng.weighted([
          ['expired', 15],
          ['expiring', 5],
          ['active', 75],
          ['unknown', 5],
        ] as const);
        const until =
          m === 'expired'
            ? anchor - rng.range(1, 700) * DAY
            : m === 'expiring'
              ? anchor + rng.range(1, 29) * DAY
              : m === 'active'
                ? anchor + rng.range(31, 1100) * DAY
                : null;
        await nodeRow(f, 'devices', {
          id: ids.device(k),
          serial: `SN${pad(k + 1, 8)}`,
          model,
          productLine,
          softwareVersion: `V${rng.range(3, 8)}00R0${rng.range(10, 25)}C${rng.range(10, 99)}`,
          installedAt: iso(installed),
          maintenanceUntil: until == null ? undefined : iso(until),
          status: rng.chance(0.02) ? 'ARCHIVED' : 'ACTIVE',
          customerId: ids.customer(i),
        });
      }
    }
    await done(f);
  }

  // ---- cases (10 % open) with owners and the engineers who worked on them ----
  {
    const rng = new Rng(seed, 'cases');
    const f = open('cases');
    const own = open('case-ownerships');
    for (let i = 0; i < C; i++) {
      const team = engineersOf(i);
      const city = cityOfCustomer(i);
      for (let k = caseOff[i]; k < caseOff[i + 1]; k++) {
        const isOpen = isOpenCase(k);
        const opened = isOpen ? anchor - rng.range(1, 60 * 24) * HOUR : anchor - rng.range(30, 1100) * DAY - rng.int(24) * HOUR;
        const severity = rng.weighted([
          ['CRITICAL', 5],
          ['MAJOR', 30],
          ['MINOR', 65],
        ] as const);
        const status = isOpen
          ? rng.weighted([
              ['OPEN', 30],
              ['IN_PROGRESS', 50],
              ['WAITING_CUSTOMER', 20],
            ] as const)
          : rng.weighted([
              ['RESOLVED', 20],
              ['CLOSED', 80],
            ] as const);
        const responded = !isOpen || rng.chance(0.85) ? Math.min(anchor, opened + rng.range(10, 8 * 60) * 60_000) : null;
        const resolved = isOpen ? null : opened + rng.range(4, 20 * 24) * HOUR;
        const lastUpdate = isOpen ? opened + rng.float() * (anchor - opened) : resolved;
        const workers = new Set<number>();
        const many = rng.range(1, isOpen && rng.chance(0.15) ? 4 : 3);
        for (let w = 0; w < many; w++) {
          const j =
            team.length && rng.chance(0.75) ? rng.pick(team) : pickFrom(rng, [employeesByCity[city], partnersByCity[city], allEmployees]);
          if (j >= 0) workers.add(j);
        }
        const nDevices = deviceOff[i + 1] - deviceOff[i];
        await nodeRow(f, 'cases', {
          id: ids.case(k),
          number: `C${new Date(opened).getUTCFullYear()}-${pad(k + 1, 7)}`,
          title: `${rng.pick(N.CASE_TITLES)} at site ${pad(rng.int(10_000), 4)}`,
          kind: rng.weighted([
            ['FAULT', 60],
            ['COMPLAINT', 10],
            ['SERVICE_REQUEST', 20],
            ['CHANGE', 10],
          ] as const),
          severity,
          status,
          openedAt: iso(opened),
          respondedAt: responded == null ? undefined : iso(responded),
          resolvedAt: resolved == null ? undefined : iso(resolved),
          lastCustomerUpdateAt: lastUpdate == null ? undefined : iso(lastUpdate),
          customerId: ids.customer(i),
          deviceId: nDevices > 0 && rng.chance(0.7) ? ids.device(deviceOff[i] + rng.int(nDevices)) : undefined,
          raisedById: rng.chance(0.8) ? ids.contact(currentContact(rng, i)) : undefined,
          workedOnIds: [...workers].map(ids.engineer),
        });
        // Ownership: a few open cases have nobody; some changed hands once (history kept).
        if (isOpen && rng.chance(0.05)) continue;
        const owners = [...workers];
        const first = team.length && rng.chance(0.6) ? team[0] : (owners[0] ?? team[0] ?? 0);
        if (rng.chance(0.12) && owners.length > 1) {
          const handover = opened + (Math.min(anchor, resolved ?? anchor) - opened) * rng.float() * 0.8 + 60_000;
          const second = owners.find((o) => o !== first) ?? owners[1];
          await edgeRow(own, {
            caseId: ids.case(k),
            engineerId: ids.engineer(first),
            from: iso(opened),
            to: iso(handover),
            assignedBy: 'dispatch',
          });
          await edgeRow(own, { caseId: ids.case(k), engineerId: ids.engineer(second), from: iso(handover), assignedBy: 'dispatch' });
        } else {
          await edgeRow(own, { caseId: ids.case(k), engineerId: ids.engineer(first), from: iso(opened), assignedBy: 'dispatch' });
        }
      }
    }
    await done(f, own);
  }

  // ---- interactions ----
  {
    const rng = new Rng(seed, 'interactions');
    const f = open('interactions');
    for (let i = 0; i < C; i++) {
      const team = engineersOf(i);
      const nCases = caseOff[i + 1] - caseOff[i];
      for (let k = interactionOff[i]; k < interactionOff[i + 1]; k++) {
        const contacts = new Set([currentContact(rng, i)]);
        if (rng.chance(0.3)) contacts.add(currentContact(rng, i));
        await nodeRow(f, 'interactions', {
          id: ids.interaction(k),
          at: iso(anchor - rng.range(0, 730 * 24) * HOUR),
          channel: rng.weighted([
            ['VISIT', 25],
            ['CALL', 35],
            ['EMAIL', 20],
            ['MEETING', 10],
            ['MESSAGE', 10],
          ] as const),
          summary: rng.pick(N.SUMMARIES),
          customerId: ids.customer(i),
          engineerId: team.length ? ids.engineer(rng.chance(0.6) ? team[0] : rng.pick(team)) : undefined,
          caseId: nCases > 0 && rng.chance(0.3) ? ids.case(caseOff[i] + rng.int(nCases)) : undefined,
          contactIds: [...contacts].map(ids.contact),
        });
      }
    }
    await done(f);
  }

  // ---- commitments (some overdue) ----
  {
    const rng = new Rng(seed, 'commitments');
    const f = open('commitments');
    for (let i = 0; i < C; i++) {
      const team = engineersOf(i);
      const nCases = caseOff[i + 1] - caseOff[i];
      for (let k = commitmentOff[i]; k < commitmentOff[i + 1]; k++) {
        const due = anchor + rng.range(-90, 60) * DAY;
        const status =
          due < anchor
            ? rng.weighted([
                ['KEPT', 70],
                ['BROKEN', 10],
                ['OPEN', 15],
                ['CANCELLED', 5],
              ] as const)
            : rng.chance(0.9)
              ? 'OPEN'
              : 'KEPT';
        await nodeRow(f, 'commitments', {
          id: ids.commitment(k),
          text: rng.pick(N.COMMITMENT_TEXTS),
          dueAt: iso(due),
          status,
          madeAt: iso(due - rng.range(3, 30) * DAY),
          resolvedAt: status === 'KEPT' || status === 'BROKEN' ? iso(Math.min(anchor, due)) : undefined,
          customerId: ids.customer(i),
          engineerId: team.length ? ids.engineer(team[0]) : undefined,
          caseId: nCases > 0 && rng.chance(0.5) ? ids.case(caseOff[i] + rng.int(nCases)) : undefined,
        });
      }
    }
    await done(f);
  }

  // ---- handoffs and their checklist items (some left open) ----
  const cardCustomers: number[] = [];
  let handoffItems = 0;
  {
    const rng = new Rng(seed, 'handoffs');
    const f = open('handoffs');
    const itemsFile = open('handoff-items');
    const portfolio: number[][] = Array.from({ length: E }, () => []);
    for (let i = 0; i < C; i++) for (const j of engineersOf(i)) if (portfolio[j][portfolio[j].length - 1] !== i) portfolio[j].push(i);
    const seen = new Set<number>();
    let itemIndex = 0;
    for (let h = 0; h < counts.handoffs; h++) {
      let from = 1 + rng.int(Math.max(1, E - 1));
      for (let tries = 0; tries < 5 && !portfolio[from]?.length; tries++) from = 1 + rng.int(Math.max(1, E - 1));
      from = Math.min(from, E - 1);
      const city = cityOfEngineer(from);
      const to = new Set<number>();
      const nTo = rng.chance(0.8) ? 1 : 2;
      for (let t = 0; t < nTo; t++) {
        const j = pickFrom(rng, [employeesByCity[city], employeesByProvince[provinceOfCity(city)], allEmployees], [from, BUSIEST, ...to]);
        if (j >= 0) to.add(j);
      }
      if (!to.size) continue;
      const reason = rng.weighted([
        ['ROTATION', 40],
        ['TRANSFER', 25],
        ['LEAVE', 20],
        ['VACATION', 15],
      ] as const);
      const effective = anchor - rng.range(-20, 700) * DAY;
      const status =
        effective > anchor
          ? 'PLANNED'
          : rng.weighted([
              ['COMPLETED', 75],
              ['IN_PROGRESS', 20],
              ['CANCELLED', 5],
            ] as const);
      const created = effective - rng.range(1, 14) * DAY;
      const hid = ids.handoff(h);
      await nodeRow(f, 'handoffs', {
        id: hid,
        reason,
        effectiveAt: iso(effective),
        until: reason === 'VACATION' ? iso(effective + rng.range(7, 30) * DAY) : undefined,
        status,
        createdAt: iso(created),
        createdBy: 'bench',
        completedAt: status === 'COMPLETED' ? iso(Math.min(anchor, effective + rng.range(0, 10) * DAY)) : undefined,
        completedBy: status === 'COMPLETED' ? 'bench' : undefined,
        forced: status === 'COMPLETED' ? rng.chance(0.1) : undefined,
        fromId: ids.engineer(from),
        toIds: [...to].map(ids.engineer),
      });
      const mine = portfolio[from].length ? portfolio[from] : [firstCustomerOfCity(city) % C];
      const customers = new Set<number>();
      const nCustomers = Math.min(mine.length, rng.range(1, 2));
      while (customers.size < nCustomers) customers.add(rng.pick(mine));
      let seq = 0;
      for (const i of customers) {
        if (!seen.has(i)) {
          seen.add(i);
          if (cardCustomers.length < 64 && !isArchivedCustomer(i)) cardCustomers.push(i);
        }
        const targets: [string, string][] = [
          ['VISIT_CUSTOMER', ids.customer(i)],
          ['INTRODUCE_CONTACT', ids.contact(currentContact(rng, i))],
        ];
        const nCases = caseOff[i + 1] - caseOff[i];
        if (nCases > 0 && rng.chance(0.6)) {
          let k = caseOff[i] + rng.int(nCases);
          for (let x = caseOff[i]; x < caseOff[i + 1]; x++) if (isOpenCase(x)) k = x;
          targets.push(['TRANSFER_CASE', ids.case(k)]);
        }
        const nCommitments = commitmentOff[i + 1] - commitmentOff[i];
        if (nCommitments > 0 && rng.chance(0.4))
          targets.push(['TRANSFER_COMMITMENT', ids.commitment(commitmentOff[i] + rng.int(nCommitments))]);
        if (rng.chance(0.5)) targets.push(['SHARE_ESCALATION_PATH', ids.customer(i)]);
        for (const [kind, refersToId] of targets) {
          const itemStatus =
            status === 'COMPLETED'
              ? rng.weighted([
                  ['DONE', 85],
                  ['WAIVED', 5],
                  ['OPEN', 10],
                ] as const)
              : status === 'IN_PROGRESS'
                ? rng.chance(0.5)
                  ? 'OPEN'
                  : 'DONE'
                : 'OPEN';
          await nodeRow(itemsFile, 'handoff-items', {
            id: ids.handoffItem(itemIndex++),
            kind,
            status: itemStatus,
            seq: ++seq,
            createdAt: iso(created),
            doneAt: itemStatus === 'DONE' ? iso(Math.min(anchor, effective + rng.range(0, 5) * DAY)) : undefined,
            doneBy: itemStatus === 'DONE' ? 'bench' : undefined,
            note: itemStatus === 'WAIVED' ? 'not needed: the successor already knows the site' : undefined,
            handoffId: hid,
            customerId: ids.customer(i),
            assigneeId: ids.engineer(rng.pick([...to])),
            refersToId,
          });
        }
      }
    }
    handoffItems = itemIndex;
    await done(f, itemsFile);
  }

  // ---- coverage: the current roles from the plan, plus history (former primaries and backups) ----
  let coverageRows = 0;
  {
    const rng = new Rng(seed, 'coverage');
    const f = open('coverage');
    let n = 0;
    const row = async (j: number, i: number, role: Role, from: number, to: number | null) => {
      await edgeRow(f, {
        id: ids.coverage(n++),
        role,
        from: iso(from),
        to: to == null ? undefined : iso(to),
        assignedBy: 'bench',
        engineerId: ids.engineer(j),
        customerId: ids.customer(i),
      });
    };
    for (let i = 0; i < C; i++) {
      const c = cityOfCustomer(i);
      for (const role of ROLES) {
        const j = cover[role][i];
        const since = i < busyN && role === 'PRIMARY' ? anchor - 200 * DAY : anchor - rng.range(60, 1500) * DAY;
        const history = role === 'PRIMARY' ? (j < 0 ? 1 : 0.3) : role === 'BACKUP' ? 0.1 : 0;
        if (rng.chance(history)) {
          const before = pickFrom(rng, [employeesByCity[c], allEmployees], [j, BUSIEST]);
          if (before >= 0) {
            const end = j < 0 ? anchor - rng.range(5, 90) * DAY : since;
            await row(before, i, role, end - rng.range(200, 1500) * DAY, end);
          }
        }
        if (j >= 0) await row(j, i, role, since, null);
      }
    }
    coverageRows = n;
    await done(f);
  }

  const manifest: Manifest = {
    scale: opts.scaleName ?? `1-${opts.divisor}`,
    divisor: opts.divisor,
    seed,
    anchor: new Date(anchor).toISOString(),
    counts: {
      ...counts,
      handoffItems,
      coverage: coverageRows,
      employments: files.find((f) => f.file.endsWith('employments.jsonl'))!.rows,
      caseOwnerships: files.find((f) => f.file.endsWith('case-ownerships.jsonl'))!.rows,
    },
    files: files.map((f) => ({ file: path.basename(f.file), rows: f.rows, bytes: f.bytes })),
    nodes,
    relationships,
    samples: {
      cardCustomerIds: cardCustomers.map(ids.customer),
      busiestEngineerId: ids.engineer(BUSIEST),
      busiestPortfolio: new Set(Array.from({ length: C }, (_, i) => i).filter((i) => engineersOf(i).includes(BUSIEST))).size,
      successorEngineerId: ids.engineer(SUCCESSOR),
    },
  };
  await fsp.writeFile(path.join(opts.out, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

export async function readManifest(out: string): Promise<Manifest | null> {
  try {
    return JSON.parse(await fsp.readFile(path.join(out, MANIFEST_FILE), 'utf8')) as Manifest;
  } catch {
    return null;
  }
}
