/** Latency summaries: nearest-rank percentiles over every sample (no histogram bucketing). */
export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

export function summarize(samples: number[]): LatencySummary {
  if (!samples.length) return { count: 0, p50: NaN, p95: NaN, p99: NaN, mean: NaN, max: NaN };
  const sorted = Float64Array.from(samples).sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  let sum = 0;
  for (const x of sorted) sum += x;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    count: sorted.length,
    p50: round(at(50)),
    p95: round(at(95)),
    p99: round(at(99)),
    mean: round(sum / sorted.length),
    max: round(sorted[sorted.length - 1]),
  };
}

export const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/**
 * Least-squares line through (x, y) points: the slope (y per x), the intercept, and how many points
 * it used. Fewer than two points, or all at the same x, give a slope of NaN (nothing to fit).
 */
export function linearFit(points: { x: number; y: number }[]): { slope: number; intercept: number; n: number } {
  const n = points.length;
  if (n < 2) return { slope: NaN, intercept: n ? points[0].y : NaN, n };
  let sx = 0;
  let sy = 0;
  for (const p of points) {
    sx += p.x;
    sy += p.y;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.x - mx) ** 2;
    sxy += (p.x - mx) * (p.y - my);
  }
  if (sxx === 0) return { slope: NaN, intercept: my, n };
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx, n };
}

/**
 * The memory trend of a soak: the least-squares slope of RSS (MB per minute) over the samples of the
 * last `windowS` seconds (the whole soak when it is shorter). `samples` are in time order; `t` in
 * seconds since the soak began.
 */
export function rssSlope(
  samples: { t: number; rssMb: number }[],
  windowS = 300,
): { mbPerMin: number; fromS: number; toS: number; n: number } {
  if (!samples.length) return { mbPerMin: NaN, fromS: NaN, toS: NaN, n: 0 };
  const toS = samples[samples.length - 1].t;
  const inWindow = samples.filter((s) => s.t >= toS - windowS);
  const fit = linearFit(inWindow.map((s) => ({ x: s.t / 60, y: s.rssMb })));
  return { mbPerMin: fit.slope, fromS: inWindow[0].t, toS, n: fit.n };
}
