/**
 * At most `limit` of some work at a time in this process; the others wait their turn, first come
 * first served. Bounds the memory of heavy reads (issue 15): a full attention assessment of a large
 * graph holds a chunk of snapshots and every customer's assessment until it ranks them. The limit may
 * be a function, read at each turn (the embedded store's reads, held only at times): call
 * `reconsider()` when it grows, so that the waiting work goes.
 */
export class Gate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /** How many have had to wait for a turn, ever (measurements, tests). */
  waited = 0;

  constructor(private readonly limitOf: number | (() => number)) {
    if (typeof limitOf === 'number' && (!Number.isInteger(limitOf) || limitOf < 1))
      throw new Error(`a gate needs a limit of at least 1, got ${limitOf}`);
  }

  /** How many may run at once now. */
  get limit(): number {
    return typeof this.limitOf === 'number' ? this.limitOf : this.limitOf();
  }

  /** How many wait for a turn now. */
  get queued(): number {
    return this.waiting.length;
  }

  /** How many hold a turn now. */
  get active(): number {
    return this.running;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    // Behind anyone already waiting, even if the limit has room now: first come, first served.
    if (this.waiting.length || this.running >= this.limit) {
      this.waited++;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      this.reconsider();
    }
  }

  /** Lets waiting work go, in order, as far as the limit allows (a turn is counted before it is given). */
  reconsider(): void {
    while (this.waiting.length && this.running < this.limit) {
      this.running++;
      this.waiting.shift()!();
    }
  }
}
