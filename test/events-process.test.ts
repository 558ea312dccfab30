import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../src/paths';
import { buildOnce } from './support/build';
import { WebhookReceiver } from './support/webhook-receiver';

/** The compiled server as `npm start` runs it, with fast webhook retries, on a data directory that outlives it. */
function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      RAPPORT_DATA_DIR: dataDir,
      RAPPORT_PORT: '0',
      RAPPORT_LOG_LEVEL: 'warn',
      RAPPORT_WEBHOOK_POLL_MS: '100',
      RAPPORT_WEBHOOK_RETRY_BASE_MS: '100',
      RAPPORT_WEBHOOK_MAX_BACKOFF_MS: '300',
      RAPPORT_WEBHOOK_MAX_ATTEMPTS: '1000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
    child.stdout!.on('data', () => {
      const m = /Rapport is ready at (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] });
      }
    });
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`server exited:\n${out}`));
    });
  });
}

const gql = async (url: string, query: string, variables: Record<string, unknown> = {}) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const json = (await res.json()) as { data?: any; errors?: unknown[] }; // eslint-disable-line @typescript-eslint/no-explicit-any -- an answer read without generated types
  if (json.errors) throw new Error(JSON.stringify(json.errors));
  return json.data;
};

describe('webhook deliveries across a kill -9', () => {
  beforeAll(() => buildOnce(), 120_000);

  it('delivers after the restart what was pending when the process was killed', async () => {
    const rx = await WebhookReceiver.start();
    rx.failWhen = () => true; // the receiver is down (503-like) while the first process runs
    const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'rapport-events-')), 'data');
    const first = await startServer(dataDir);
    try {
      await gql(
        first.url,
        'mutation($u: String!) { registerWebhook(input: {url: $u, eventTypes: [CoverageChanged]}) { webhook { id } } }',
        { u: rx.url },
      );
      const { assignCoverage } = await gql(
        first.url,
        'mutation { assignCoverage(input: {engineerId: "eng_zhou-hui", customerId: "cus_cm-urumqi", role: PARTNER_ONSITE}) { id } }',
      );
      await rx.waitFor(() => rx.received.length >= 2, 'two failed attempts');
      first.child.kill('SIGKILL');
      await new Promise((r) => first.child.once('exit', r));
      const eventId = rx.received[0].json.id;
      expect(rx.received[0].json.data).toMatchObject({
        coverageId: assignCoverage.id,
        toEngineerId: 'eng_zhou-hui',
        customerId: 'cus_cm-urumqi',
      });
      expect(rx.delivered()).toEqual([]);

      rx.failWhen = () => false; // the receiver is back
      const again = await startServer(dataDir);
      try {
        await rx.waitFor(() => rx.delivered().length === 1, 'the delivery after the restart', 20_000);
        expect(rx.delivered()[0].json.id).toBe(eventId);
        expect(rx.delivered()[0].headers['idempotency-key']).toBe(eventId);
        await new Promise((r) => setTimeout(r, 300));
        expect(rx.delivered()).toHaveLength(1);
      } finally {
        again.child.kill('SIGTERM');
        await new Promise((r) => again.child.once('exit', r));
      }
    } finally {
      if (first.child.exitCode === null && first.child.signalCode === null) first.child.kill('SIGKILL');
      await rx.close();
    }
  }, 90_000);
});
