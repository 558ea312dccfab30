import http from 'node:http';
import { ids } from './generate';
import { CARD_QUERY, OPERATIONS, type Samples } from './operations';
import { Rng } from './random';
import { rssSlope, summarize, type LatencySummary } from './stats';
import { postJson } from './http-post';

/**
 * The soak (issue 15, memory): a mixed load against the real server for a number of minutes while
 * its RSS and JS heap are sampled every 10 s, to tell a plateau from a slope. The mix is the
 * benchmark's own read operations — cards of random customers most — and a small share of real
 * writes through the API (logInteraction: a call logged with a current contact, as an engineer
 * would; each one also updates the customer's maintained attention state).
 */

export type SoakKind = 'card' | 'whoCovers' | 'customers' | 'attention' | 'engineerAttention' | 'logInteraction';

/** The mix, by weight (per cent of the requests). */
export const SOAK_MIX: readonly (readonly [SoakKind, number])[] = [
  ['card', 55],
  ['whoCovers', 15],
  ['customers', 8],
  ['attention', 8],
  ['engineerAttention', 9],
  ['logInteraction', 5],
];

export const LOG_INTERACTION_MUTATION = `mutation LogInteraction($input: LogInteractionInput!) {
  logInteraction(input: $input) { id at channel }
}`;

export interface SoakSample {
  /** Seconds since the soak began. */
  t: number;
  rssMb: number;
  heapUsedMb: number;
  /** Requests answered so far, and the rate over the last interval. */
  requests: number;
  requestsPerSecond: number;
  errors: number;
}

export interface SoakResult {
  minutes: number;
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  latency: LatencySummary;
  /** Failed requests: network errors, non-2xx answers, and 200 answers carrying GraphQL errors. */
  errors: { network: number; non2xx: number; graphql: number; first: string[] };
  byKind: { kind: SoakKind; requests: number; errors: number; latency: LatencySummary }[];
  /** The customers the writes went to (a write needs a covering engineer and a current contact). */
  writeTargets: number;
  rssAfterOpeningMb: number;
  rssAtStartMb: number;
  rssAtEndMb: number;
  maxSampledRssMb: number;
  /** getrusage's peak RSS of the server process over its whole life. */
  peakRssMb: number;
  heapAtEndMb: number;
  /** Least-squares RSS slope over the last 5 minutes (the whole soak when shorter). */
  slope: { mbPerMin: number; fromS: number; toS: number; n: number };
  samples: SoakSample[];
}

export interface SoakOptions {
  url: string;
  minutes: number;
  connections: number;
  /** Leave the writes (logInteraction) out of the mix. */
  readsOnly?: boolean;
  samples: Samples;
  customerCount: number;
  rssAfterOpeningMb: number;
  /** The server process's memory now (asked over IPC). */
  stats: () => Promise<{ rssMb: number; heapUsedMb: number; maxRssMb: number }>;
  log: (line: string) => void;
  /** Sampling interval (default 10 s). */
  intervalS?: number;
}

interface WriteTarget {
  customerId: string;
  engineerId: string;
  contactId: string;
}

const post = (agent: http.Agent, url: string, body: string) => postJson(agent, url, body, 120_000);

/** Covering engineers and current contacts of the sample customers, read through the API (their cards). */
export async function writeTargets(agent: http.Agent, url: string, ids: string[], max = Infinity): Promise<WriteTarget[]> {
  const out: WriteTarget[] = [];
  for (const id of ids) {
    if (out.length >= max) break;
    const res = await post(agent, url, JSON.stringify({ query: CARD_QUERY, variables: { id } }));
    const c = (
      JSON.parse(res.text) as {
        data?: { customer?: { status: string; coverage: { engineer: { id: string } }[]; contacts: { id: string }[] } };
      }
    ).data?.customer;
    if (!c || c.status === 'ARCHIVED' || !c.coverage.length || !c.contacts.length) continue;
    out.push({ customerId: id, engineerId: c.coverage[0].engineer.id, contactId: c.contacts[0].id });
  }
  return out;
}

const GRAPHQL_ERROR = (text: string) => text.startsWith('{"errors"') || text.includes('"errors":[');
const clock = (s: number) => `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}`;

export async function runSoak(o: SoakOptions): Promise<SoakResult> {
  const intervalMs = (o.intervalS ?? 10) * 1000;
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections });
  const targets = await writeTargets(agent, o.url, o.samples.cardCustomerIds.slice(0, 32));
  const mix = targets.length && !o.readsOnly ? SOAK_MIX : SOAK_MIX.filter(([k]) => k !== 'logInteraction');
  if (o.readsOnly) o.log('  soak: reads only (--soak-reads-only)');
  else if (!targets.length) o.log('  soak: no sample customer with a covering engineer and a contact: the mix has no writes');
  // Engineers whose own attention list is read: the busiest one and the sample customers' covering engineers.
  const engineers = [...new Set([o.samples.busiestEngineerId, ...targets.map((t) => t.engineerId)])];
  const rng = new Rng(15, 'soak');
  const times = new Map<SoakKind, number[]>(mix.map(([k]) => [k, []]));
  const errorsOf = new Map<SoakKind, number>(mix.map(([k]) => [k, 0]));
  const errors = { network: 0, non2xx: 0, graphql: 0, first: [] as string[] };
  let n = 0;
  let answered = 0;
  const noteError = (kind: SoakKind, what: string) => {
    errorsOf.set(kind, (errorsOf.get(kind) ?? 0) + 1);
    if (errors.first.length < 5) errors.first.push(`${kind}: ${what.slice(0, 300)}`);
  };

  const bodyOf = (kind: SoakKind): string => {
    const i = n++;
    switch (kind) {
      case 'card':
      case 'whoCovers':
        return JSON.stringify({ query: OPERATIONS[kind].query, variables: { id: ids.customer(rng.int(o.customerCount)) } });
      case 'customers':
      case 'attention':
        return JSON.stringify({ query: OPERATIONS[kind].query, variables: OPERATIONS[kind].variables(i, o.samples) });
      case 'engineerAttention':
        return JSON.stringify({ query: OPERATIONS.engineerAttention.query, variables: { id: rng.pick(engineers), first: 50 } });
      case 'logInteraction': {
        const t = rng.pick(targets);
        const input = {
          engineerId: t.engineerId,
          customerId: t.customerId,
          contactIds: [t.contactId],
          channel: 'CALL',
          at: new Date().toISOString(),
          summary: `benchmark soak call ${i}`,
        };
        return JSON.stringify({ query: LOG_INTERACTION_MUTATION, variables: { input } });
      }
    }
  };

  const started = performance.now();
  const until = started + o.minutes * 60_000;
  const first = await o.stats();
  const samples: SoakSample[] = [{ t: 0, rssMb: first.rssMb, heapUsedMb: first.heapUsedMb, requests: 0, requestsPerSecond: 0, errors: 0 }];
  o.log(
    `== soak: ${o.minutes} min, ${o.connections} connection${o.connections === 1 ? '' : 's'}, mix ${mix.map(([k, w]) => `${k} ${w}`).join(', ')}; RSS now ${first.rssMb} MB (after opening ${o.rssAfterOpeningMb} MB)`,
  );
  const errorCount = () => errors.network + errors.non2xx + errors.graphql;

  const client = async () => {
    while (performance.now() < until) {
      const kind = rng.weighted(mix);
      const body = bodyOf(kind);
      const t = performance.now();
      try {
        const res = await post(agent, o.url, body);
        times.get(kind)!.push(performance.now() - t);
        if (res.status < 200 || res.status >= 300) {
          errors.non2xx++;
          noteError(kind, `HTTP ${res.status} ${res.text}`);
        } else if (GRAPHQL_ERROR(res.text)) {
          errors.graphql++;
          noteError(kind, res.text);
        }
      } catch (err) {
        errors.network++;
        noteError(kind, (err as Error).message);
      }
      answered++;
    }
  };

  let lastAt = started;
  let lastCount = 0;
  const sampler = async () => {
    for (let k = 1; ; k++) {
      const next = started + k * intervalMs;
      if (next > until + 1) return;
      await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
      const m = await o.stats();
      const now = performance.now();
      const sample: SoakSample = {
        t: Math.round((now - started) / 100) / 10,
        rssMb: m.rssMb,
        heapUsedMb: m.heapUsedMb,
        requests: answered,
        requestsPerSecond: Math.round(((answered - lastCount) / ((now - lastAt) / 1000)) * 10) / 10,
        errors: errorCount(),
      };
      lastAt = now;
      lastCount = answered;
      samples.push(sample);
      const slope = rssSlope(samples);
      o.log(
        `  soak ${clock(sample.t)}  RSS ${sample.rssMb} MB  heap ${sample.heapUsedMb} MB  ${sample.requests} requests (${sample.requestsPerSecond}/s)  errors ${sample.errors}` +
          (samples.length > 2 ? `  slope ${slope.mbPerMin.toFixed(2)} MB/min (last ${clock(slope.toS - slope.fromS)})` : ''),
      );
    }
  };

  await Promise.all([sampler(), ...Array.from({ length: o.connections }, client)]);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const end = await o.stats();
  const all = [...times.values()].flat();
  const last = samples[samples.length - 1];
  return {
    minutes: o.minutes,
    connections: o.connections,
    seconds: Math.round(seconds * 10) / 10,
    requests: all.length,
    requestsPerSecond: Math.round((all.length / seconds) * 10) / 10,
    latency: summarize(all),
    errors,
    byKind: mix.map(([kind]) => ({
      kind,
      requests: times.get(kind)!.length,
      errors: errorsOf.get(kind) ?? 0,
      latency: summarize(times.get(kind)!),
    })),
    writeTargets: mix.some(([k]) => k === 'logInteraction') ? targets.length : 0,
    rssAfterOpeningMb: o.rssAfterOpeningMb,
    rssAtStartMb: first.rssMb,
    rssAtEndMb: last.rssMb,
    maxSampledRssMb: Math.max(...samples.map((s) => s.rssMb)),
    peakRssMb: end.maxRssMb,
    heapAtEndMb: last.heapUsedMb,
    slope: rssSlope(samples),
    samples,
  };
}
