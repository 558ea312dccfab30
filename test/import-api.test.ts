import {
  ChangesDocument,
  type ChangesQuery,
  ImportedCustomerDocument,
  ImportRecordsDocument,
  UpdateCustomerDocument,
} from './generated/graphql';
import { testEngines } from './support/engines';
import { GraphBuilder } from './support/fixtures';
import { Harness } from './support/harness';

describe.each(testEngines())('importRecords (the API path of the bulk import) on $name', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start(engine);
    await new GraphBuilder().region({ id: 'reg_wuhan', name: 'Wuhan', kind: 'CITY' }).write(h.store);
  });
  afterAll(async () => {
    await h.stop();
  });

  /** Every change-history entry in the store: single records and the entries of import batches. */
  const changes = async () =>
    Number((await h.store.read('MATCH (c:Change) RETURN count(c) AS n'))[0].n) +
    Number((await h.store.read('MATCH (b:ChangeBatch) RETURN sum(b.size) AS n'))[0].n ?? 0);
  const csv =
    'id,name,tier,regionId\ncus_api-a,"China Telecom, Wuhan",KEY,reg_wuhan\ncus_api-b,B,GOLD,reg_wuhan\ncus_api-c,C,STANDARD,reg_nowhere\n';

  it('loads the good rows of a CSV and reports the bad ones by line and field', async () => {
    const { importRecords } = await h.data(ImportRecordsDocument, { kind: 'customers', format: 'CSV', content: csv });
    expect(importRecords).toMatchObject({
      loaded: true,
      errorCount: 2,
      files: [{ file: 'customers.csv', kind: 'customers', rows: 3, created: 1, updated: 0, unchanged: 0, rejected: 2 }],
      errors: [
        { file: 'customers.csv', line: 3, field: 'tier', reason: '"GOLD" is not one of VIP, KEY, STANDARD' },
        { file: 'customers.csv', line: 4, field: 'regionId', reason: 'unknown Region reg_nowhere' },
      ],
    });
    const { customer } = await h.data(ImportedCustomerDocument, { id: 'cus_api-a' });
    expect(customer).toEqual({ id: 'cus_api-a', name: 'China Telecom, Wuhan', tier: 'KEY', region: { id: 'reg_wuhan' } });
    // The history, as the API shows it: one entry for the record, with its file line and fields.
    const history = (await h.data(ChangesDocument, { entityId: 'cus_api-a' })).changes;
    expect(history.totalCount).toBe(1);
    expect(history.edges[0].node).toMatchObject({
      actor: 'system',
      op: 'CREATE',
      entityId: 'cus_api-a',
      entityLabel: 'Customer',
      summary: 'Customer cus_api-a imported from customers.csv line 2 (importRecords by tester)',
    });
    expect(history.edges[0].node.fields).toContainEqual({ field: 'tier', before: 'null', after: '"KEY"' });
  });

  it('is idempotent, and strict mode loads nothing when a row is bad', async () => {
    const before = await changes();
    const again = await h.data(ImportRecordsDocument, { kind: 'customers', format: 'CSV', content: csv });
    expect(again.importRecords.files[0]).toMatchObject({ created: 0, updated: 0, unchanged: 1, rejected: 2 });
    expect(await changes()).toBe(before);

    const strict = await h.data(ImportRecordsDocument, {
      kind: 'customers',
      format: 'JSONL',
      strict: true,
      content: '{"id": "cus_api-d", "name": "D", "tier": "VIP"}\n{"id": "cus_api-e", "tier": "VIP"}\n',
    });
    expect(strict.importRecords).toMatchObject({
      loaded: false,
      errorCount: 1,
      errors: [{ file: 'customers.jsonl', line: 2, field: 'name', reason: 'is required' }],
    });
    expect((await h.data(ImportedCustomerDocument, { id: 'cus_api-d' })).customer).toBeNull();
    expect(await changes()).toBe(before);
  });

  it('reads a JSON array, and refuses an unknown kind as BAD_USER_INPUT naming the argument', async () => {
    const json = await h.data(ImportRecordsDocument, {
      kind: 'customers',
      format: 'JSON',
      content: '[{"id": "cus_api-a", "name": "China Telecom, Wuhan", "tier": "VIP"}]',
    });
    expect(json.importRecords.files[0]).toMatchObject({ file: 'customers.json', updated: 1 });
    expect((await h.data(ImportedCustomerDocument, { id: 'cus_api-a' })).customer).toMatchObject({
      tier: 'VIP',
      region: { id: 'reg_wuhan' },
    });

    const res = await h.run(ImportRecordsDocument, { kind: 'widgets', format: 'CSV', content: 'id\n' });
    expect(res.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'kind', reason: expect.stringMatching(/^"widgets" is not a record kind/) }],
    });
  });

  it("pages one record's history through imports and API edits alike, newest first, each entry once", async () => {
    const row = (tier: string) => JSON.stringify([{ id: 'cus_api-h', name: 'History Ltd', tier, regionId: 'reg_wuhan' }]);
    await h.data(ImportRecordsDocument, { kind: 'customers', format: 'JSON', content: row('STANDARD') });
    await h.data(UpdateCustomerDocument, { input: { id: 'cus_api-h', tier: 'KEY' } });
    await h.data(ImportRecordsDocument, { kind: 'customers', format: 'JSON', content: row('VIP') });
    await h.data(UpdateCustomerDocument, { input: { id: 'cus_api-h', name: 'History Ltd.' } });
    const seen: { op: string; actor: string; fields: string[] }[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const { changes }: ChangesQuery = await h.data(ChangesDocument, { entityId: 'cus_api-h', first: 1, after });
      expect(changes.totalCount).toBe(4);
      seen.push(...changes.edges.map((e) => ({ op: e.node.op, actor: e.node.actor, fields: e.node.fields.map((f) => f.field).sort() })));
      if (!changes.pageInfo.hasNextPage) break;
      after = changes.pageInfo.endCursor ?? null;
    }
    expect(seen.map((c) => [c.op, c.actor === 'system' ? 'import' : 'api', c.fields.join(',')])).toEqual([
      ['UPDATE', 'api', 'name'],
      ['UPDATE', 'import', 'tier'],
      ['UPDATE', 'api', 'tier'],
      ['CREATE', 'import', 'id,name,regionId,status,tier'],
    ]);
  });
});
