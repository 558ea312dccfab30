import { linearFit, rssSlope, summarize } from '../../bench/stats';

describe('benchmark statistics', () => {
  it('fits a least-squares line exactly through points on a line', () => {
    const fit = linearFit([0, 1, 2, 3, 4].map((x) => ({ x, y: 3 * x + 7 })));
    expect(fit.slope).toBeCloseTo(3, 10);
    expect(fit.intercept).toBeCloseTo(7, 10);
    expect(fit.n).toBe(5);
  });

  it('fits the least-squares slope of scattered points (not the end-to-end difference)', () => {
    // x = 0..3, y = 1, 3, 2, 5: mean x 1.5, mean y 2.75; Σ(dx·dy) = 5.5, Σdx² = 5 → slope 1.1.
    const fit = linearFit([1, 3, 2, 5].map((y, x) => ({ x, y })));
    expect(fit.slope).toBeCloseTo(1.1, 10);
    expect(fit.intercept).toBeCloseTo(2.75 - 1.1 * 1.5, 10);
  });

  it('gives no slope for fewer than two points or a single x', () => {
    expect(linearFit([]).slope).toBeNaN();
    expect(linearFit([{ x: 1, y: 2 }]).slope).toBeNaN();
    expect(
      linearFit([
        { x: 1, y: 2 },
        { x: 1, y: 4 },
      ]).slope,
    ).toBeNaN();
  });

  it('reports the RSS slope in MB per minute over the last five minutes only', () => {
    // 10 minutes sampled every 10 s: +10 MB/min for the first 5 minutes, then flat at 1,050 MB.
    const samples = Array.from({ length: 61 }, (_, i) => {
      const t = i * 10;
      return { t, rssMb: t <= 300 ? 1000 + (t / 60) * 10 : 1050 };
    });
    const last5 = rssSlope(samples);
    expect(last5.mbPerMin).toBeCloseTo(0, 10);
    expect(last5.fromS).toBe(300);
    expect(last5.toS).toBe(600);
    expect(last5.n).toBe(31);
    // Over the whole soak the growth shows.
    expect(rssSlope(samples, 600).mbPerMin).toBeGreaterThan(3);
  });

  it('reports a steady leak as its rate per minute', () => {
    const samples = Array.from({ length: 37 }, (_, i) => ({ t: i * 10, rssMb: 800 + i * 2 })); // 2 MB per 10 s
    expect(rssSlope(samples).mbPerMin).toBeCloseTo(12, 10);
  });

  it('uses the whole soak when it is shorter than the window', () => {
    const samples = [0, 10, 20, 30, 40, 50, 60].map((t) => ({ t, rssMb: 500 + t })); // 1 MB/s
    const s = rssSlope(samples);
    expect(s.n).toBe(7);
    expect(s.fromS).toBe(0);
    expect(s.mbPerMin).toBeCloseTo(60, 10);
  });

  it('summarizes latencies with nearest-rank percentiles', () => {
    const s = summarize(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(s.p50).toBe(50);
    expect(s.p99).toBe(99);
    expect(s.max).toBe(100);
  });
});
