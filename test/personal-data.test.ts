import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import {
  AccessLogDocument,
  NodeByIdDocument,
  PersonalDataCardDocument,
  PersonalDataEngineerDocument,
  PersonalDataListDocument,
  PersonalDataNamesDocument,
  StartHandoffDocument,
  type AccessLogQuery,
} from './generated/graphql';
import { Role, type Principal } from '../src/auth/roles';
import { registerChecklistRoute } from '../src/http/checklist.route';
import type { Params, Store, TxRunner } from '../src/graph/store';
import { accessLogBuffer, pruneAccessLog, RECORD_ACCESS } from '../src/graph/repositories/access-log.repo';
import { createServer } from '../src/server';
import { silentLogger, testSchema } from './support/harness';
import { testEngines } from './support/engines';
import { GraphBuilder } from './support/fixtures';
import { EFFECTIVE, HANDOFF_NOW, handoffFixture } from './support/handoff-fixture';
import { Harness } from './support/harness';

const REGION = 'reg_pd';
const as = (actor: string, role: Role, extra: Partial<Principal> = {}): Principal => ({
  actor,
  kind: 'user',
  roles: [role],
  regions: role === Role.ADMIN ? null : [REGION],
  ...extra,
});
const admin = as('user:ada', Role.ADMIN);
const viewer = as('user:vera', Role.VIEWER);

function personalFixture(): GraphBuilder {
  return new GraphBuilder()
    .region({ id: REGION, name: 'PD Province', kind: 'PROVINCE' })
    .customer({ id: 'cus_pd-1', name: 'PD Customer', tier: 'VIP', regionId: REGION })
    .contact({ id: 'con_pd-a', name: 'Wu Qiang', role: 'MANAGER', phone: '13800005678', email: 'wu.qiang@cm.example' })
    .contact({ id: 'con_pd-b', name: 'Zhao Min', role: 'ON_DUTY', phone: '+86 139 0000 0302' })
    .employment({ contactId: 'con_pd-a', customerId: 'cus_pd-1', from: '2024-01-01T00:00:00Z' })
    .employment({ contactId: 'con_pd-b', customerId: 'cus_pd-1', from: '2024-01-01T00:00:00Z' })
    .engineer({ id: 'eng_pd-a', name: 'Li Na', kind: 'EMPLOYEE', phone: '13900001111', email: 'li.na@rapport.example', regionId: REGION })
    .engineer({
      id: 'eng_pd-b',
      name: 'Ma Jun',
      kind: 'EMPLOYEE',
      status: 'ON_LEAVE',
      phone: '13700002222',
      email: 'ma.jun@rapport.example',
      regionId: REGION,
    })
    .coverage({ id: 'cov_pd-a', engineerId: 'eng_pd-a', customerId: 'cus_pd-1', role: 'PRIMARY', from: '2024-01-01T00:00:00Z' })
    .coverage({ id: 'cov_pd-b', engineerId: 'eng_pd-b', customerId: 'cus_pd-1', role: 'BACKUP', from: '2024-01-01T00:00:00Z' });
}

type Entry = AccessLogQuery['accessLog']['edges'][number]['node'];
const reads = (entries: Entry[]) => entries.map((e) => `${e.entityLabel} ${e.entityId} ${e.field}`).sort();

/** Every unmasked read of the card: each person and field once, although the engineers appear twice. */
const CARD_READS = [
  'Contact con_pd-a email',
  'Contact con_pd-a phone',
  'Contact con_pd-b phone',
  'Engineer eng_pd-a email',
  'Engineer eng_pd-a phone',
  'Engineer eng_pd-b email',
  'Engineer eng_pd-b phone',
];

describe.each(testEngines())('personal data on $name', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start(engine);
    await personalFixture().write(h.store);
  });
  afterAll(async () => {
    await h.stop();
  });

  const logOf = async (vars: { actor?: string; entityId?: string; first?: number; after?: string }) =>
    (await h.data(AccessLogDocument, vars, { principal: admin })).accessLog;

  it('shows a VIEWER masked phones and e-mails on contacts, engineers and escalation steps, and logs nothing', async () => {
    const { customer } = await h.data(PersonalDataCardDocument, { id: 'cus_pd-1' }, { principal: viewer });
    expect(customer!.contacts).toEqual(
      expect.arrayContaining([
        { id: 'con_pd-a', phone: '138****5678', email: 'w***@cm.example' },
        { id: 'con_pd-b', phone: '139****0302', email: null },
      ]),
    );
    expect(customer!.coverage.map((c) => c.engineer)).toEqual(
      expect.arrayContaining([
        { id: 'eng_pd-a', phone: '139****1111', email: 'l***@rapport.example' },
        { id: 'eng_pd-b', phone: '137****2222', email: 'm***@rapport.example' },
      ]),
    );
    expect(customer!.escalationPath).toEqual([
      { order: 1, engineer: { id: 'eng_pd-a' }, phone: '139****1111', email: 'l***@rapport.example' },
      { order: 0, engineer: { id: 'eng_pd-b' }, phone: '137****2222', email: 'm***@rapport.example' },
    ]);
    const { engineer } = await h.data(PersonalDataEngineerDocument, { id: 'eng_pd-a' }, { principal: viewer });
    expect(engineer).toEqual({ id: 'eng_pd-a', name: 'Li Na', phone: '139****1111', email: 'l***@rapport.example' });

    expect((await logOf({ actor: viewer.actor })).totalCount).toBe(0);
  });

  it.each([Role.ACCOUNT_MANAGER, Role.SERVICE_MANAGER, Role.ADMIN])(
    'shows %s phones and e-mails in clear and logs each read once with actor, field, entity and operation',
    async (role) => {
      const caller = as(`user:${role.toLowerCase()}`, role);
      const { customer } = await h.data(PersonalDataCardDocument, { id: 'cus_pd-1' }, { principal: caller });
      expect(customer!.contacts).toEqual(
        expect.arrayContaining([
          { id: 'con_pd-a', phone: '13800005678', email: 'wu.qiang@cm.example' },
          { id: 'con_pd-b', phone: '+86 139 0000 0302', email: null },
        ]),
      );
      expect(customer!.escalationPath.map((s) => [s.phone, s.email])).toEqual([
        ['13900001111', 'li.na@rapport.example'],
        ['13700002222', 'ma.jun@rapport.example'],
      ]);
      expect(customer!.coverage.find((c) => c.engineer.id === 'eng_pd-a')!.engineer.phone).toBe('13900001111');

      const log = await logOf({ actor: caller.actor });
      // An absent value (con_pd-b has no e-mail) is not a read; an engineer seen in both coverage
      // and escalationPath is logged once.
      expect(reads(log.edges.map((e) => e.node))).toEqual(CARD_READS);
      for (const { node } of log.edges) {
        expect(node).toMatchObject({ actor: caller.actor, keyId: null, operation: 'PersonalDataCard', requestId: 'test' });
        expect(node.id).toMatch(/^acc_/);
        expect(Date.now() - Date.parse(node.at)).toBeLessThan(60_000);
      }
    },
  );

  it('records the API key id of an application caller', async () => {
    const app = as('key:k-crm', Role.ACCOUNT_MANAGER, { kind: 'api-key', keyId: 'k-crm' });
    await h.data(PersonalDataEngineerDocument, { id: 'eng_pd-b' }, { principal: app });
    const log = await logOf({ actor: 'key:k-crm' });
    expect(log.edges.map((e) => [e.node.keyId, e.node.entityId, e.node.field, e.node.operation]).sort()).toEqual([
      ['k-crm', 'eng_pd-b', 'email', 'PersonalDataEngineer'],
      ['k-crm', 'eng_pd-b', 'phone', 'PersonalDataEngineer'],
    ]);
  });

  it('logs nothing for a query that reads no personal field, and writes nothing then', async () => {
    await accessLogBuffer(h.store).flush();
    h.store.reset();
    await h.data(PersonalDataNamesDocument, { id: 'cus_pd-1' }, { principal: as('user:names', Role.ADMIN) });
    expect(h.store.statements.filter((s) => s.includes('AccessLog'))).toEqual([]);
    expect((await logOf({ actor: 'user:names' })).totalCount).toBe(0);
  });

  it('pages the log newest first and filters by entity and actor', async () => {
    const first = as('user:pager-1', Role.SERVICE_MANAGER);
    const second = as('user:pager-2', Role.SERVICE_MANAGER);
    await h.data(PersonalDataEngineerDocument, { id: 'eng_pd-a' }, { principal: first });
    await h.data(PersonalDataEngineerDocument, { id: 'eng_pd-a' }, { principal: second });

    const ofEngineer = await logOf({ entityId: 'eng_pd-a', first: 100 });
    const actors = ofEngineer.edges.map((e) => e.node.actor);
    expect(actors.indexOf('user:pager-2')).toBeLessThan(actors.indexOf('user:pager-1'));
    expect(ofEngineer.edges.every((e) => e.node.entityId === 'eng_pd-a')).toBe(true);
    const ats = ofEngineer.edges.map((e) => e.node.at);
    expect([...ats].sort().reverse()).toEqual(ats);

    const both = await logOf({ entityId: 'eng_pd-a', actor: 'user:pager-1' });
    expect(both.totalCount).toBe(2);
    expect(both.edges.map((e) => e.node.field).sort()).toEqual(['email', 'phone']);

    // Pages of 1 walk the same list without gaps or repeats.
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await logOf({ entityId: 'eng_pd-a', first: 1, after });
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor!;
    }
    expect(seen).toEqual(ofEngineer.edges.map((e) => e.node.id));
    expect(ofEngineer.totalCount).toBe(seen.length);

    const all = await logOf({ first: 200 });
    expect(all.totalCount).toBeGreaterThanOrEqual(seen.length);
  });

  it('refuses the access log to every role but ADMIN', async () => {
    for (const role of [Role.VIEWER, Role.ACCOUNT_MANAGER, Role.SERVICE_MANAGER]) {
      const res = await h.run(AccessLogDocument, {}, { principal: as(`user:${role}`, role) });
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(res.data ?? null).toBeNull();
    }
  });

  it('rejects a malformed entityId and cursor with BAD_USER_INPUT', async () => {
    const bad = await h.run(AccessLogDocument, { entityId: 'nope' }, { principal: admin });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const cursor = await h.run(AccessLogDocument, { after: 'garbage' }, { principal: admin });
    expect(cursor.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('does not find access log entries through node(id)', async () => {
    const { accessLog } = await h.data(AccessLogDocument, { first: 1 }, { principal: admin });
    const id = accessLog.edges[0].node.id;
    expect((await h.data(NodeByIdDocument, { id }, { principal: admin })).node).toBeNull();
  });
});

describe.each(testEngines())('access log batching on $name', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start(engine);
    const g = new GraphBuilder().region({ id: 'reg_batch', name: 'Batch', kind: 'PROVINCE' });
    for (let i = 0; i < 50; i++) {
      const n = String(i).padStart(3, '0');
      g.customer({ id: `cus_b${n}`, name: `Batch customer ${n}`, tier: 'STANDARD', regionId: 'reg_batch' })
        .contact({
          id: `con_b${n}`,
          name: `Contact ${n}`,
          role: 'ON_DUTY',
          phone: `1380000${n.padStart(4, '0')}`,
          email: `c${n}@batch.example`,
        })
        .employment({ contactId: `con_b${n}`, customerId: `cus_b${n}`, from: '2024-01-01T00:00:00Z' })
        .engineer({
          id: `eng_b${n}`,
          name: `Engineer ${n}`,
          kind: 'EMPLOYEE',
          phone: `1390000${n.padStart(4, '0')}`,
          email: `e${n}@batch.example`,
        })
        .coverage({ id: `cov_b${n}`, engineerId: `eng_b${n}`, customerId: `cus_b${n}`, role: 'PRIMARY', from: '2024-01-01T00:00:00Z' });
    }
    await g.write(h.store);
  });
  afterAll(async () => {
    await h.stop();
  });

  const statementsFor = async (first: number, actor: string) => {
    await accessLogBuffer(h.store).flush();
    h.store.reset();
    const { customers } = await h.data(PersonalDataListDocument, { first }, { principal: as(actor, Role.ADMIN) });
    expect(customers.edges).toHaveLength(first);
    return { calls: h.store.calls, logWrites: h.store.statements.filter((s) => /MERGE \(a:AccessLog/.test(s)).length };
  };

  it('writes no log statement on the request; the buffered reads of many requests go in one statement', async () => {
    const five = await statementsFor(5, 'user:batch-5');
    const fifty = await statementsFor(50, 'user:batch-50');
    // Off the read path: the request itself sends no access-log statement, whatever the list length.
    expect(five.logWrites).toBe(0);
    expect(fifty.logWrites).toBe(0);
    expect(fifty.calls).toBe(five.calls);

    // Two requests inside one write window. The default window (100 ms) is shorter than one request
    // on Neo4j over Bolt, so the window is widened here: what is checked is that the buffered entries
    // of several requests are written by one statement, not how long a request takes.
    const buffer = accessLogBuffer(h.store);
    const interval = buffer.options.intervalMs;
    await buffer.flush(); // the previous request's entry, whose 100 ms timer is already running
    buffer.options.intervalMs = 60_000;
    try {
      h.store.reset();
      await h.data(PersonalDataListDocument, { first: 5 }, { principal: as('user:batch-a', Role.ADMIN) });
      await h.data(PersonalDataListDocument, { first: 5 }, { principal: as('user:batch-b', Role.ADMIN) });
      await buffer.flush();
    } finally {
      buffer.options.intervalMs = interval;
    }
    expect(h.store.statements.filter((s) => /MERGE \(a:AccessLog/.test(s))).toHaveLength(1);

    const admin = as('user:ada', Role.ADMIN);
    const logged = async (actor: string) =>
      (await h.data(AccessLogDocument, { actor, first: 0 }, { principal: admin })).accessLog.totalCount;
    // Contact phone + email, engineer phone + email (coverage and escalation path dedupe to one).
    expect(await logged('user:batch-5')).toBe(5 * 4);
    expect(await logged('user:batch-50')).toBe(50 * 4);
    expect(await logged('user:batch-a')).toBe(5 * 4);
  });

  it('stores one entry per request, with the people and fields read as lists', async () => {
    await h.data(PersonalDataListDocument, { first: 2 }, { principal: as('user:batch-one', Role.ADMIN) });
    await accessLogBuffer(h.store).flush();
    const rows = await h.store.read(
      'MATCH (a:AccessLog {actor: $actor}) RETURN a.entityIds AS ids, a.fields AS fields, a.entityLabels AS labels',
      {
        actor: 'user:batch-one',
      },
    );
    expect(rows).toHaveLength(1);
    const reads = (rows[0].ids as string[]).map((id, i) => `${(rows[0].labels as string[])[i]} ${id} ${(rows[0].fields as string[])[i]}`);
    expect(reads.sort()).toEqual(
      [
        'Contact con_b000 email',
        'Contact con_b000 phone',
        'Contact con_b001 email',
        'Contact con_b001 phone',
        'Engineer eng_b000 email',
        'Engineer eng_b000 phone',
        'Engineer eng_b001 email',
        'Engineer eng_b001 phone',
      ].sort(),
    );
  });

  it('prunes entries older than the retention, and only those', async () => {
    await h.data(PersonalDataListDocument, { first: 1 }, { principal: as('user:batch-prune', Role.ADMIN) });
    await accessLogBuffer(h.store).flush();
    const admin = as('user:ada', Role.ADMIN);
    const count = async () => (await h.data(AccessLogDocument, { first: 0 }, { principal: admin })).accessLog.totalCount;
    const before = await count();
    expect(before).toBeGreaterThan(0);
    // Nothing is older than a day ago; everything is older than a minute ahead.
    expect(await pruneAccessLog(h.store, new Date(Date.now() - 86_400_000))).toBe(0);
    expect(await count()).toBe(before);
    expect(await pruneAccessLog(h.store, new Date(Date.now() + 60_000), 2)).toBeGreaterThan(0);
    expect(await count()).toBe(0);
  });

  it('writes the buffered entries by itself within the interval, without a read of the log', async () => {
    await accessLogBuffer(h.store).flush();
    h.store.reset();
    await h.data(PersonalDataListDocument, { first: 3 }, { principal: as('user:batch-timer', Role.ADMIN) });
    expect(accessLogBuffer(h.store).pendingCount).toBe(1);
    const deadline = Date.now() + 5_000;
    while (accessLogBuffer(h.store).pendingCount > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(accessLogBuffer(h.store).pendingCount).toBe(0);
    expect(h.store.statements.filter((s) => /MERGE \(a:AccessLog/.test(s))).toHaveLength(1);
  });
});

/** A store whose access-log writes fail (the rest works). */
class FailingLogStore implements Store {
  constructor(readonly inner: Store) {}
  get engine() {
    return this.inner.engine;
  }
  private check(cypher: string) {
    if (cypher.includes(':AccessLog')) throw new Error('disk full');
  }
  read(cypher: string, params?: Params) {
    return this.inner.read(cypher, params);
  }
  async write(cypher: string, params?: Params) {
    this.check(cypher);
    return this.inner.write(cypher, params);
  }
  transaction<T>(work: (tx: TxRunner) => Promise<T>) {
    return this.inner.transaction(work);
  }
  ping() {
    return this.inner.ping();
  }
  close() {
    return this.inner.close();
  }
}

describe('when the access log cannot be written', () => {
  it('withholds the personal data and answers STORE_UNAVAILABLE once a write of the log has failed', async () => {
    const engine = testEngines()[0];
    const inner = await engine.open();
    await personalFixture().write(inner);
    const h = await Harness.start(engine, { store: new FailingLogStore(inner) });
    try {
      // The first read is buffered (the log is written off the request path); its write fails.
      const first = await h.data(PersonalDataEngineerDocument, { id: 'eng_pd-b' }, { principal: admin });
      expect(first.engineer?.phone).toBe('13700002222');
      await expect(accessLogBuffer(h.store).flush()).rejects.toThrow('disk full');
      expect(accessLogBuffer(h.store).pendingCount).toBe(1);
      // From then on, until a write succeeds, personal data is withheld.
      const res = await h.run(PersonalDataEngineerDocument, { id: 'eng_pd-a' }, { principal: admin });
      expect(res.data ?? null).toBeNull();
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['STORE_UNAVAILABLE']);
      expect(JSON.stringify(res)).not.toContain('13900001111');
      // Over HTTP the refusal is a 503 with the code.
      const url = await h.server.listen();
      const http503 = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ engineer(id: "eng_pd-a") { phone } }' }),
      });
      expect(http503.status).toBe(503);
      const body = await http503.text();
      expect(body).toContain('STORE_UNAVAILABLE');
      expect(body).not.toContain('13900001111');
      // A masked read needs no log entry, so it still works.
      const masked = await h.data(PersonalDataEngineerDocument, { id: 'eng_pd-a' }, { principal: viewer });
      expect(masked.engineer?.phone).toBe('139****1111');
    } finally {
      await h.stop();
    }
  });
});

describe('when the access log cannot be written, the checklist', () => {
  it('is withheld with 503 STORE_UNAVAILABLE once a write of the log has failed', async () => {
    const engine = testEngines()[0];
    const inner = await engine.open();
    await handoffFixture().write(inner);
    const h = await Harness.start(engine, { store: new FailingLogStore(inner) });
    // An earlier request's buffered reads could not be written.
    await h.data(PersonalDataEngineerDocument, { id: 'eng_a' }, { principal: admin });
    await expect(accessLogBuffer(h.store).flush()).rejects.toThrow('disk full');
    const app = express();
    registerChecklistRoute(app, h.store);
    const server = http.createServer(app);
    try {
      const { startHandoff } = await h.data(
        StartHandoffDocument,
        { input: { outgoingEngineerId: 'eng_a', successors: [{ engineerId: 'eng_c' }], reason: 'ROTATION', effectiveAt: EFFECTIVE } },
        { now: HANDOFF_NOW },
      );
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/handoffs/${startHandoff.id}/checklist`);
      expect(res.status).toBe(503);
      const body = await res.text();
      expect(body).toContain('STORE_UNAVAILABLE');
      expect(body).not.toContain('+86');
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await h.stop();
    }
  });
});

describe('the printable checklist', () => {
  let h: Harness;
  let handoffId: string;
  let server: http.Server;
  let base: string;
  // The route reads the caller from res.locals.principal (set by the authentication middleware):
  // here a header picks the test principal.
  const principals: Record<string, Principal> = {
    viewer: { actor: 'user:vera', kind: 'user', roles: [Role.VIEWER], regions: null },
    manager: { actor: 'key:k-print', kind: 'api-key', keyId: 'k-print', roles: [Role.ACCOUNT_MANAGER], regions: null },
  };

  beforeAll(async () => {
    h = await Harness.start(testEngines()[0]);
    await handoffFixture().write(h.store);
    const started = await h.data(
      StartHandoffDocument,
      { input: { outgoingEngineerId: 'eng_a', successors: [{ engineerId: 'eng_c' }], reason: 'ROTATION', effectiveAt: EFFECTIVE } },
      { now: HANDOFF_NOW },
    );
    handoffId = started.startHandoff.id;
    const app = express();
    app.use((req, res, next) => {
      const who = req.header('x-test-principal');
      if (who) res.locals.principal = principals[who];
      res.locals.requestId = req.header('x-request-id') ?? 'no-id';
      next();
    });
    registerChecklistRoute(app, h.store);
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await h.stop();
  });

  const get = async (who: string, format = 'md', requestId = 'r-1') => {
    const res = await fetch(`${base}/handoffs/${handoffId}/checklist?format=${format}`, {
      headers: { 'x-test-principal': who, 'x-request-id': requestId },
    });
    expect(res.status).toBe(200);
    return res.text();
  };

  it('masks contact and engineer phones for a VIEWER, in Markdown and CSV, and logs nothing', async () => {
    h.store.reset();
    const md = await get('viewer');
    expect(md).toContain('- From: A Wang (138****0001)');
    expect(md).toContain('- To: C Chen (138****0003)');
    expect(md).toContain('Introduce C Chen to Small On-duty [ON_DUTY], tel. 139****0301');
    expect(md).not.toMatch(/\+86 13\d/);
    const csv = await get('viewer', 'csv');
    expect(csv).toContain(',139****0301,');
    expect(csv).not.toMatch(/\+86 13\d/);
    expect(h.store.statements.filter((s) => s.includes('AccessLog'))).toEqual([]);
  });

  it('prints phones in clear for an ACCOUNT_MANAGER and logs each person once, with the route and request id', async () => {
    h.store.reset();
    const md = await get('manager', 'md', 'print-1');
    expect(md).toContain('- From: A Wang (+86 138 0000 0001)');
    expect(md).toContain('tel. +86 139 0000 0301');
    // Buffered: written off the request path, in one statement.
    expect(h.store.statements.filter((s) => s.includes('AccessLog'))).toHaveLength(0);
    await accessLogBuffer(h.store).flush();
    expect(h.store.statements.filter((s) => s.includes('AccessLog'))).toHaveLength(1);

    const admin = as('user:ada', Role.ADMIN);
    const log = (await h.data(AccessLogDocument, { actor: 'key:k-print', first: 200 }, { principal: admin })).accessLog;
    const entries = log.edges.map((e) => e.node);
    expect(
      entries.every(
        (e) =>
          e.operation === `GET /handoffs/${handoffId}/checklist` &&
          e.requestId === 'print-1' &&
          e.keyId === 'k-print' &&
          e.field === 'phone',
      ),
    ).toBe(true);
    const ids = entries.map((e) => e.entityId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['eng_a', 'eng_c', 'con_s-duty', 'con_s-sup']));
    expect(entries.find((e) => e.entityId === 'con_s-duty')!.entityLabel).toBe('Contact');
    expect(entries.find((e) => e.entityId === 'eng_a')!.entityLabel).toBe('Engineer');
  });

  it('treats a request without a principal as local development (clear, logged as local-dev)', async () => {
    const md = await get('', 'md', 'print-dev');
    expect(md).toContain('- From: A Wang (+86 138 0000 0001)');
    const admin = as('user:ada', Role.ADMIN);
    const log = (await h.data(AccessLogDocument, { actor: 'local-dev', entityId: 'eng_a' }, { principal: admin })).accessLog;
    expect(log.edges.map((e) => e.node.requestId)).toContain('print-dev');
  });
});

describe('access-log retention (RAPPORT_ACCESS_LOG_DAYS)', () => {
  it('deletes entries older than the retention in the background, shortly after start, and keeps the rest', async () => {
    const store = await testEngines()[0].open();
    const entry = (id: string, daysAgo: number) => ({
      id,
      at: new Date(Date.now() - daysAgo * 86_400_000).toISOString(),
      actor: 'user:old',
      keyId: null,
      operation: 'Q',
      requestId: id,
      seq: 1,
      entityIds: ['con_x'],
      entityLabels: ['Contact'],
      fields: ['phone'],
    });
    await store.write(RECORD_ACCESS, { rows: [entry('acc_old', 40), entry('acc_recent', 5)] });
    const server = await createServer({
      config: { host: '127.0.0.1', port: 0, env: 'test', accessLogDays: 30 },
      store,
      schema: await testSchema(),
      logger: silentLogger,
    });
    try {
      const ids = async () => (await store.read('MATCH (a:AccessLog) RETURN a.id AS id ORDER BY id')).map((r) => r.id);
      const deadline = Date.now() + 10_000;
      while ((await ids()).includes('acc_old') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(await ids()).toEqual(['acc_recent']);
    } finally {
      await server.stop();
    }
  });
});
