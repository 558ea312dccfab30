import {
  AssignCoverageDocument,
  CompleteHandoffDocument,
  DeleteWebhookDocument,
  RegisterWebhookDocument,
  StartHandoffDocument,
  UpdateWebhookDocument,
  WebhookDeliveriesDocument,
  WebhooksDocument,
} from './generated/graphql';
import { verifySignature } from '../src/domain/webhook-signature';
import { Role } from '../src/auth/roles';
import { testEngines } from './support/engines';
import { FailingStore } from './support/graph-dump';
import { EFFECTIVE, HANDOFF_NOW, ROTATION_A_TO_C, handoffFixture } from './support/handoff-fixture';
import { Harness } from './support/harness';
import { FAST_WEBHOOKS, WebhookReceiver } from './support/webhook-receiver';

const at = { now: HANDOFF_NOW, actor: 'manager.li' };
const rotation = ROTATION_A_TO_C;
const FAST = FAST_WEBHOOKS;
const ALL_TYPES = ['CoverageChanged', 'HandoffStarted', 'HandoffCompleted', 'CaseOwnerChanged'] as const;

describe.each(testEngines())('webhooks on $name', (engine) => {
  let h: Harness;
  let rx: WebhookReceiver;
  beforeEach(async () => {
    h = await Harness.start(engine, { webhooks: FAST });
    await handoffFixture().write(h.store);
    rx = await WebhookReceiver.start();
  });
  afterEach(async () => {
    await h.stop();
    await rx.close();
  });

  const register = async (input: Partial<Parameters<typeof h.data<unknown, { input: never }>>[1]> & Record<string, unknown> = {}) =>
    (await h.data(RegisterWebhookDocument, { input: { url: rx.url, eventTypes: [...ALL_TYPES], ...input } as never }, at)).registerWebhook;
  const handOver = async () => {
    const started = (await h.data(StartHandoffDocument, { input: rotation }, at)).startHandoff;
    await h.data(CompleteHandoffDocument, { id: started.id, force: true, reason: 'moved at short notice' }, at);
    return started.id;
  };

  it('delivers every event of a handoff once per change, signed, retried after failures, in per-customer order', async () => {
    const { webhook, secret } = await register();
    expect(secret).toMatch(/^whsec_/);
    rx.failFirst = 2; // the receiver fails each event's first two attempts
    const handoffId = await handOver();

    // 6 events: started, 3 coverage changes (PRIMARY of three customers), the board case's new owner, completed.
    await rx.waitFor(() => new Set(rx.delivered().map((r) => r.json.id)).size === 6, 'six delivered events');
    await new Promise((r) => setTimeout(r, 300)); // and nothing more
    const delivered = rx.delivered();
    expect(delivered.map((r) => r.json.type).sort()).toEqual([
      'CaseOwnerChanged',
      'CoverageChanged',
      'CoverageChanged',
      'CoverageChanged',
      'HandoffCompleted',
      'HandoffStarted',
    ]);
    expect(new Set(delivered.map((r) => r.json.id)).size).toBe(6);
    // Each event was attempted exactly three times (two 500s, then 200), under the same idempotency key.
    for (const d of delivered) {
      const attempts = rx.received.filter((r) => r.json.id === d.json.id);
      expect(attempts.map((a) => a.answered)).toEqual([500, 500, 200]);
      expect(new Set(attempts.map((a) => a.headers['idempotency-key']))).toEqual(new Set([d.json.id]));
    }
    // Signed: HMAC-SHA256 over "timestamp.body" with the secret shown at registration.
    for (const r of rx.received) {
      const ok = verifySignature(
        secret,
        String(r.headers['rapport-signature']),
        String(r.headers['rapport-timestamp']),
        r.body,
        Math.floor(Date.now() / 1000),
      );
      expect(ok).toBe(true);
      expect(
        verifySignature(
          'whsec_wrong-secret-0000',
          String(r.headers['rapport-signature']),
          String(r.headers['rapport-timestamp']),
          r.body,
          Math.floor(Date.now() / 1000),
        ),
      ).toBe(false);
    }
    // Per customer, an event is never sent before the one before it succeeded.
    const lanes = new Map<string, number[]>();
    for (const r of rx.received) lanes.set(r.json.customerId ?? '*', [...(lanes.get(r.json.customerId ?? '*') ?? []), r.json.sequence]);
    for (const seqs of lanes.values()) expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(lanes.get('cus_small')!.length).toBe(6); // coverage (3 attempts), then the case owner (3 attempts)
    const small = delivered.filter((r) => r.json.customerId === 'cus_small').map((r) => r.json.type);
    expect(small).toEqual(['CoverageChanged', 'CaseOwnerChanged']);

    const coverage = delivered.find((r) => r.json.type === 'CoverageChanged' && r.json.customerId === 'cus_big1')!.json;
    expect(coverage.regionId).toBe('reg_urumqi');
    expect(coverage.data).toMatchObject({
      customerId: 'cus_big1',
      role: 'PRIMARY',
      fromEngineerId: 'eng_a',
      toEngineerId: 'eng_c',
      effectiveAt: EFFECTIVE,
      handoffId,
    });
    const owner = delivered.find((r) => r.json.type === 'CaseOwnerChanged')!.json;
    expect(owner.data).toMatchObject({
      caseId: 'cas_small-board',
      customerId: 'cus_small',
      fromEngineerId: 'eng_a',
      toEngineerId: 'eng_c',
    });

    // webhookDeliveries shows the attempts and their errors.
    const page = (await h.data(WebhookDeliveriesDocument, { webhookId: webhook.id, first: 10 }, at)).webhookDeliveries;
    expect(page.totalCount).toBe(6);
    for (const { node } of page.edges) {
      expect(node).toMatchObject({ status: 'DELIVERED', attempts: 3, lastError: null });
      expect(node.history.map((a) => [a.status, a.error])).toEqual([
        [500, 'HTTP 500'],
        [500, 'HTTP 500'],
        [200, null],
      ]);
    }
  });

  it('emits nothing for a refused or rolled-back change', async () => {
    await register();
    // Refused: the handoff has open items and is not forced; a second PRIMARY clashes.
    const started = (await h.data(StartHandoffDocument, { input: rotation }, at)).startHandoff;
    const refused = await h.run(CompleteHandoffDocument, { id: started.id }, at);
    expect(refused.errors?.[0].extensions?.code).toBe('CONFLICT');
    const clash = await h.run(AssignCoverageDocument, { input: { engineerId: 'eng_d', customerId: 'cus_big2', role: 'PRIMARY' } }, at);
    expect(clash.errors?.[0].extensions?.code).toBe('CONFLICT');

    // Rolled back: the store fails on the last statement of the completion, after its events were written.
    const failing = new FailingStore(h.store, /SET h\.status = 'COMPLETED'/);
    failing.armed = true;
    const other = await Harness.start(engine, { store: failing });
    const rolledBack = await other.run(CompleteHandoffDocument, { id: started.id, force: true, reason: 'test' }, at);
    expect(rolledBack.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    await other.stop();

    // A change that commits afterwards arrives; the ones before it never do.
    await h.data(AssignCoverageDocument, { input: { engineerId: 'eng_d', customerId: 'cus_big2', role: 'BACKUP' } }, at);
    await rx.waitFor(() => rx.delivered().some((r) => r.json.type === 'CoverageChanged'), 'the BACKUP coverage change');
    await new Promise((r) => setTimeout(r, 300));
    expect(rx.delivered().map((r) => [r.json.type, r.json.customerId])).toEqual([
      ['HandoffStarted', null],
      ['CoverageChanged', 'cus_big2'],
    ]);
    expect(rx.delivered()[1].json.data).toMatchObject({ role: 'BACKUP', fromEngineerId: null, toEngineerId: 'eng_d' });
    const events = await h.store.read('MATCH (e:Event) RETURN e.type AS type ORDER BY e.seq');
    // The BACKUP clears cus_big2's NO_BACKUP (issue 16); the rolled-back completion raised no flag event.
    expect(events.map((e) => e.type)).toEqual(['HandoffStarted', 'CoverageChanged', 'CustomerIntroduction', 'FlagCleared']);
  });

  it('dead-letters after the last attempt and then delivers the customer’s next event; a region filter keeps other regions out', async () => {
    const regional = (await register({ regionId: 'reg_xj', eventTypes: ['CoverageChanged'] })).webhook;
    rx.failWhen = (json) => json.data.role === 'BACKUP'; // that delivery dies after 3 attempts; the next one in its lane follows
    await h.data(AssignCoverageDocument, { input: { engineerId: 'eng_d', customerId: 'cus_small', role: 'BACKUP' } }, at);
    await h.data(AssignCoverageDocument, { input: { engineerId: 'eng_d', customerId: 'cus_big2', role: 'BACKUP' } }, at); // Wuhan: not Xinjiang
    await h.data(AssignCoverageDocument, { input: { engineerId: 'eng_b', customerId: 'cus_small', role: 'PARTNER_ONSITE' } }, at);
    await rx.waitFor(() => rx.delivered().length === 1, 'the second cus_small event');
    expect(rx.received.map((r) => [r.json.customerId, r.answered])).toEqual([
      ['cus_small', 500],
      ['cus_small', 500],
      ['cus_small', 500],
      ['cus_small', 200],
    ]);
    await new Promise((r) => setTimeout(r, 100));
    const dead = (await h.data(WebhookDeliveriesDocument, { webhookId: regional.id, status: 'DEAD' }, at)).webhookDeliveries;
    expect(dead.edges.map((e) => [e.node.status, e.node.attempts, e.node.lastError])).toEqual([['DEAD', 3, 'HTTP 500']]);
    const all = (await h.data(WebhookDeliveriesDocument, { webhookId: regional.id, first: 1 }, at)).webhookDeliveries;
    expect(all.totalCount).toBe(2);
    const next = (await h.data(WebhookDeliveriesDocument, { webhookId: regional.id, first: 1, after: all.pageInfo.endCursor }, at))
      .webhookDeliveries;
    expect(next.edges.map((e) => e.node.status)).toEqual(['DEAD']);
  });

  it('a dead receiver does not slow the API; registration is checked and ADMIN only; delete drops pending deliveries', async () => {
    const bad = await h.run(RegisterWebhookDocument, { input: { url: 'ftp://example.com/x', eventTypes: ['CoverageChanged'] } }, at);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(bad.errors?.[0].extensions)).toContain('http:// or https://');
    const noRegion = await h.run(
      RegisterWebhookDocument,
      { input: { url: rx.url, eventTypes: ['CoverageChanged'], regionId: 'reg_nowhere' } },
      at,
    );
    expect(noRegion.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const viewer = { actor: 'key:v', roles: [Role.VIEWER], regions: ['reg_xj'] } as never;
    const forbidden = await h.run(
      RegisterWebhookDocument,
      { input: { url: rx.url, eventTypes: ['CoverageChanged'] } },
      { principal: viewer },
    );
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await h.run(WebhooksDocument, {}, { principal: viewer })).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    // Nothing listens on this port: every attempt fails with a connection error.
    const closed = await WebhookReceiver.start();
    const deadUrl = closed.url;
    await closed.close();
    const { webhook } = await register({ url: deadUrl, secret: 'my-own-secret-0123456789' });
    const updated = (await h.data(UpdateWebhookDocument, { id: webhook.id, input: { eventTypes: ['CoverageChanged'] } }, at)).updateWebhook;
    expect(updated.eventTypes).toEqual(['CoverageChanged']);
    const t0 = Date.now();
    await h.data(AssignCoverageDocument, { input: { engineerId: 'eng_d', customerId: 'cus_big2', role: 'BACKUP' } }, at);
    expect(Date.now() - t0).toBeLessThan(2000); // far below the 2 s request timeout: the API never waits for a receiver
    const until = Date.now() + 10_000;
    let node;
    for (;;) {
      node = (await h.data(WebhookDeliveriesDocument, { webhookId: webhook.id }, at)).webhookDeliveries.edges[0]?.node;
      if ((node && node.attempts >= 1) || Date.now() > until) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(node!.lastError).toMatch(/ECONNREFUSED/);
    expect(await h.data(DeleteWebhookDocument, { id: webhook.id }, at)).toEqual({ deleteWebhook: true });
    expect((await h.data(WebhooksDocument, {}, at)).webhooks).toEqual([]);
    const left = await h.store.read("MATCH (d:WebhookDelivery {webhookId: $id}) WHERE d.status = 'PENDING' RETURN count(d) AS n", {
      id: webhook.id,
    });
    expect(left[0].n).toBe(0);
    const gone = await h.run(DeleteWebhookDocument, { id: webhook.id }, at);
    expect(gone.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
