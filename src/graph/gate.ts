/**
 * At most `limit` of some work at a time in this process; the others wait their turn, first come
 * first served. Bounds the memory of heavy reads (issue 15): a full attention assessment of a large
 * graph holds a chunk of snapshots and every customer's assessment until it ranks them.
 */
export class Gate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`a gate needs a limit of at least 1, got ${limit}`);
  }

  /** How many wait for a turn now. */
  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The turn passes straight to the next in line (running stays the same), or is given back.
      if (next) next();
      else this.running--;
    }
  }
}
