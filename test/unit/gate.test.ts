import { Gate } from '../../src/graph/gate';

const tick = () => new Promise((r) => setImmediate(r));

describe('Gate: at most N heavy reads at a time', () => {
  it('runs at most its limit at once and lets the others in, first come first served', async () => {
    const gate = new Gate(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const releases: (() => void)[] = [];
    const jobs = [0, 1, 2, 3, 4].map((n) =>
      gate.run(async () => {
        started.push(n);
        most = Math.max(most, ++running);
        await new Promise<void>((r) => releases.push(r));
        running--;
        return n;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    expect(gate.queued).toBe(3);
    releases.shift()!();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    while (releases.length || started.length < 5) {
      releases.shift()?.();
      await tick();
    }
    expect(await Promise.all(jobs)).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
    expect(gate.queued).toBe(0);
  });

  it('gives the turn back when the work fails', async () => {
    const gate = new Gate(1);
    await expect(gate.run(() => Promise.reject(new Error('store unavailable')))).rejects.toThrow('store unavailable');
    await expect(gate.run(async () => 'next')).resolves.toBe('next');
  });

  it('refuses a limit below 1', () => {
    expect(() => new Gate(0)).toThrow(/at least 1/);
  });
});
