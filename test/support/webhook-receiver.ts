import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookWorkerOptions } from '../../src/events/webhook-worker';

/** A delivery worker fast enough for tests: retries within a second, three attempts. */
export const FAST_WEBHOOKS: WebhookWorkerOptions = {
  pollMs: 100,
  retryBaseMs: 40,
  maxBackoffMs: 200,
  maxAttempts: 3,
  timeoutMs: 2000,
  concurrency: 4,
};

export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  json: {
    id: string;
    type: string;
    sequence: number;
    customerId: string | null;
    regionId: string | null;
    subjectIds: string[];
    data: Record<string, unknown>;
  };
  answered: number;
}

/**
 * A real HTTP receiver on loopback. `failFirst` answers 500 to the first n attempts of each event
 * (by its Idempotency-Key), then 200.
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  failFirst = 0;
  /** Fails an attempt when this says so (besides failFirst). */
  failWhen: (json: Received['json'], attempt: number) => boolean = () => false;
  private readonly attempts = new Map<string, number>();
  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  static async start(): Promise<WebhookReceiver> {
    const server = http.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const self = new WebhookReceiver(server, `http://127.0.0.1:${port}/hook`);
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        const key = String(req.headers['idempotency-key']);
        const n = (self.attempts.get(key) ?? 0) + 1;
        self.attempts.set(key, n);
        const json = JSON.parse(body);
        const status = n <= self.failFirst || self.failWhen(json, n) ? 500 : 200;
        self.received.push({ headers: req.headers, body, json, answered: status });
        res.writeHead(status).end();
      });
    });
    return self;
  }

  /** The requests answered 2xx, one per event. */
  delivered(): Received[] {
    return this.received.filter((r) => r.answered === 200);
  }

  async waitFor(predicate: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > until)
        throw new Error(
          `timed out waiting for ${what}; received ${JSON.stringify(this.received.map((r) => [r.json.type, r.json.customerId, r.answered]))}`,
        );
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}
