import { ImportedCustomerDocument, ImportRecordsDocument } from './generated/graphql';
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

  const changes = async () => (await h.store.read('MATCH (c:Change) RETURN count(c) AS n'))[0].n;
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
    const [change] = await h.store.read(
      `MATCH (c:Change {entityId: 'cus_api-a'}) RETURN c.actor AS actor, c.op AS op, c.summary AS summary`,
    );
    expect(change).toEqual({
      actor: 'system',
      op: 'CREATE',
      summary: 'Customer cus_api-a imported from customers.csv line 2 (importRecords by tester)',
    });
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
});
