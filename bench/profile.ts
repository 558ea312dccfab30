import { promises as fsp } from 'node:fs';

/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): self time by function and by area (a package, a
 * directory of Rapport, Node core, GC, idle), so the results file can say what dominates the time.
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  /** Time the main thread was busy (total minus idle). */
  busyMs: number;
  top: { fn: string; where: string; selfMs: number; pctOfBusy: number }[];
  areas: { area: string; selfMs: number; pctOfBusy: number }[];
}

export function areaOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : `native ${fn || '(anonymous)'}`;
  if (url.startsWith('node:')) return 'node core';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  // The wrapper @grafeo-db/js puts around every native method: its self time is the engine's.
  if (nm) return nm[1] === '@grafeo-db/js' ? '@grafeo-db/js (native engine calls, on the main thread)' : nm[1];
  const src = /\/dist\/((?:src|bench|seeds)\/[^/]+)/.exec(url) ?? /\/work\/main\/((?:src|bench)\/[^/]+)/.exec(url);
  if (src) return `rapport ${src[1].replace(/\.js$/, '')}`;
  return url.replace(/^file:\/\//, '');
}

const short = (url: string) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/.*node_modules\//, '')
    .replace(/.*\/dist\//, '');

/**
 * `window` (µs on the monotonic clock, as process.hrtime) keeps only the samples taken while the
 * load ran: start-up (module loading, opening the store) is left out.
 */
export async function summarizeProfile(file: string, window?: { fromUs: number; toUs: number }, topN = 15): Promise<ProfileSummary> {
  const profile = JSON.parse(await fsp.readFile(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  // timeDeltas[i] is the time between sample i-1 and sample i: charge it to sample i's frame.
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    if (window && (t < window.fromUs || t > window.toUs)) continue;
    selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + delta);
  }
  const fns = new Map<string, { fn: string; where: string; us: number }>();
  const areas = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of selfUs) {
    const n = byId.get(id);
    if (!n) continue;
    const { functionName, url, lineNumber } = n.callFrame;
    total += us;
    if (functionName === '(idle)') {
      idle += us;
      continue;
    }
    const fn = functionName || '(anonymous)';
    const where = url ? `${short(url)}:${lineNumber + 1}` : '';
    const key = `${fn}@${where}`;
    const f = fns.get(key) ?? { fn, where, us: 0 };
    f.us += us;
    fns.set(key, f);
    const area = areaOf(url, functionName);
    areas.set(area, (areas.get(area) ?? 0) + us);
  }
  const busy = Math.max(total - idle, 1);
  const ms = (us: number) => Math.round(us / 100) / 10;
  const pct = (us: number) => Math.round((us / busy) * 1000) / 10;
  return {
    file,
    totalMs: ms(total),
    busyMs: ms(total - idle),
    top: [...fns.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, topN)
      .map((f) => ({ fn: f.fn, where: f.where, selfMs: ms(f.us), pctOfBusy: pct(f.us) })),
    areas: [...areas]
      .sort((a, b) => b[1] - a[1])
      .slice(0, topN)
      .map(([area, us]) => ({ area, selfMs: ms(us), pctOfBusy: pct(us) })),
  };
}
