import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Store } from '../src/graph/store';
import { listChanges } from '../src/graph/repositories/change-page.repo';
import { ImportAbortedError, importContent, importPath, ImportInputError, type ImportProgress } from '../src/import/import-files';
import { testEngines } from './support/engines';

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** Writes the files into a fresh temporary directory and returns its path. */
function dataDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rapport-import-'));
  tempDirs.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}

/** Every node and relationship as sorted lines: equal snapshots = nothing changed. */
async function snapshot(store: Store): Promise<string> {
  const nodes = await store.read('MATCH (n) RETURN labels(n) AS labels, n');
  const rels = await store.read('MATCH (a)-[r]->(b) RETURN a.id AS from, type(r) AS type, r, b.id AS to');
  const sorted = (v: unknown) =>
    JSON.stringify(v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v);
  return [...nodes.map((r) => `${r.labels} ${sorted(r.n)}`), ...rels.map((r) => `${r.from} ${r.type} ${r.to} ${sorted(r.r)}`)]
    .sort()
    .join('\n');
}

const count = async (store: Store, label: string) => (await store.read(`MATCH (n:\`${label}\`) RETURN count(n) AS n`))[0].n;
/** Change-history entries in the store: single records plus the entries of import batches (one node per batch). */
const historyEntries = async (store: Store) =>
  Number(await count(store, 'Change')) + Number((await store.read('MATCH (b:ChangeBatch) RETURN sum(b.size) AS n'))[0].n ?? 0);
/** An entity's history as `changes(entityId)` reads it, oldest first. */
const historyOf = async (store: Store, id: string) =>
  (await listChanges(store, id, { limit: 200, after: null })).edges.map((e) => e.node).reverse();

/** A small organisation in every format the import reads. Rows refer forward within a file on purpose. */
const ORG: Record<string, string> = {
  'regions.csv': 'id,name,kind,parentId\nreg_urumqi,Urumqi,CITY,reg_xinjiang\nreg_xinjiang,Xinjiang,PROVINCE,\n',
  'partners.json': '[\n  {"id": "par_tianshan", "name": "Tianshan Telecom Services"}\n]\n',
  'customers.csv':
    'id,name,nameLatin,tier,segment,regionId,parentId\ncus_cm-urumqi,中国移动乌鲁木齐分公司,China Mobile Urumqi,VIP,carrier,reg_urumqi,\ncus_hotel,Urumqi Grand Hotel,,STANDARD,hotel,reg_urumqi,\n',
  'engineers.jsonl':
    '{"id": "eng_b", "name": "李娜", "kind": "EMPLOYEE", "phone": "+86 138 0000 0002", "skills": ["OTN", "NMS"], "regionId": "reg_urumqi"}\n' +
    '{"id": "eng_p", "name": "赵勇", "kind": "PARTNER", "partnerId": "par_tianshan"}\n',
  'contacts.csv':
    'id,name,role,title,reportsToId\ncon_duty,吴强,ON_DUTY,On-duty Engineer,con_mgr\ncon_mgr,杨帆,MANAGER,"Manager, Network Operations",\n',
  'employments.csv':
    'contactId,customerId,from,to,title\ncon_duty,cus_cm-urumqi,2022-01-01T00:00:00Z,,\ncon_mgr,cus_cm-urumqi,2020-01-01,,\n',
  'devices.csv': 'id,serial,model,maintenanceUntil,customerId\ndev_osn,SN-0001,OptiX OSN 8800,2025-01-01T00:00:00+08:00,cus_cm-urumqi\n',
  'cases.csv':
    'id,title,kind,severity,status,openedAt,customerId,deviceId,workedOnIds\ncas_c11,Board alarm,FAULT,MAJOR,IN_PROGRESS,2025-09-11T08:00:00Z,cus_cm-urumqi,dev_osn,eng_p;eng_b\n',
  'case-ownerships.csv': 'caseId,engineerId,from\ncas_c11,eng_b,2025-09-12T08:00:00Z\n',
  'coverage.csv': 'id,engineerId,customerId,role,from,to\ncov_b-primary,eng_b,cus_cm-urumqi,PRIMARY,2024-01-01T00:00:00Z,\n',
  'handoffs.json':
    '[{"id": "hof_june", "reason": "ROTATION", "effectiveAt": "2025-06-01T00:00:00Z", "status": "IN_PROGRESS", "fromId": "eng_p", "toIds": ["eng_b"]}]',
  'handoff-items.json':
    '[{"id": "hoi_1", "kind": "VISIT_CUSTOMER", "seq": 1, "handoffId": "hof_june", "customerId": "cus_cm-urumqi", "refersToId": "cus_cm-urumqi"}]',
};
const ORG_ROWS = 17;

describe.each(testEngines())('bulk import on $name', (engine) => {
  let store: Store;
  beforeEach(async () => {
    store = await engine.open();
  });
  afterEach(async () => {
    await store.close();
  });

  it('loads a directory in dependency order, whatever the file names sort as, from CSV, JSON and JSONL', async () => {
    const report = await importPath(store, dataDir(ORG));
    expect(report.errors).toEqual([]);
    expect(report.loaded).toBe(true);
    expect(report.files.map((f) => [f.file, f.rows, f.created])).toEqual([
      ['regions.csv', 2, 2],
      ['partners.json', 1, 1],
      ['customers.csv', 2, 2],
      ['engineers.jsonl', 2, 2],
      ['contacts.csv', 2, 2],
      ['devices.csv', 1, 1],
      ['cases.csv', 1, 1],
      ['handoffs.json', 1, 1],
      ['handoff-items.json', 1, 1],
      ['coverage.csv', 1, 1],
      ['employments.csv', 2, 2],
      ['case-ownerships.csv', 1, 1],
    ]);
    const [c] = await store.read(
      `MATCH (c:Customer {id: 'cus_cm-urumqi'})-[:LOCATED_IN]->(r:Region)-[:PART_OF]->(p:Region)
       MATCH (c)<-[cov:COVERS]-(e:Engineer)
       RETURN c.name AS name, r.id AS region, p.id AS province, e.id AS primary, cov.role AS role, cov.from AS from`,
    );
    expect({ ...c, from: new Date(c.from as string).toISOString() }).toEqual({
      name: '中国移动乌鲁木齐分公司',
      region: 'reg_urumqi',
      province: 'reg_xinjiang',
      primary: 'eng_b',
      role: 'PRIMARY',
      from: '2024-01-01T00:00:00.000Z',
    });
    const [k] = await store.read(
      `MATCH (k:\`Case\` {id: 'cas_c11'})
       RETURN [(k)<-[:WORKED_ON]-(e) | e.id] AS workers, [(k)-[:OWNED_BY]->(o) | o.id] AS owners, [(k)-[:CONCERNS]->(d) | d.maintenanceUntil] AS until`,
    );
    expect((k.workers as string[]).sort()).toEqual(['eng_b', 'eng_p']);
    expect(k.owners).toEqual(['eng_b']);
    // 2025-01-01T00:00:00+08:00 is stored as that instant.
    expect(new Date((k.until as string[])[0]).toISOString()).toBe('2024-12-31T16:00:00.000Z');
    const [m] = await store.read(`MATCH (d:Contact {id: 'con_duty'})-[:REPORTS_TO]->(m) RETURN m.title AS title`);
    expect(m.title).toBe('Manager, Network Operations');
    const [eng] = await store.read(`MATCH (e:Engineer {id: 'eng_b'}) RETURN e.skills AS skills`);
    expect(eng.skills).toEqual(['OTN', 'NMS']);
    const [item] = await store.read(
      `MATCH (i:HandoffItem {id: 'hoi_1'}) RETURN [(i)-[:REFERS_TO]->(t) | t.id] AS refersTo, [(i)<-[:INCLUDES]-(h) | h.id] AS handoff`,
    );
    expect(item).toEqual({ refersTo: ['cus_cm-urumqi'], handoff: ['hof_june'] });
    expect(await historyEntries(store)).toBe(ORG_ROWS);
  });

  it('is idempotent: the second run reports everything unchanged and writes nothing, not even history', async () => {
    const dir = dataDir(ORG);
    await importPath(store, dir);
    const before = await snapshot(store);
    const second = await importPath(store, dir);
    expect(second.errors).toEqual([]);
    expect(second.files.reduce((n, f) => n + f.created + f.updated, 0)).toBe(0);
    expect(second.files.reduce((n, f) => n + f.unchanged, 0)).toBe(ORG_ROWS);
    expect(await snapshot(store)).toBe(before);
    expect(await historyEntries(store)).toBe(ORG_ROWS);
  });

  it('writes only what changed, with the change history (actor "system", before and after)', async () => {
    await importPath(store, dataDir(ORG));
    // Same instant in another notation (unchanged), one field changed, one relationship moved.
    const changed = dataDir({
      'customers.csv':
        'id,name,nameLatin,tier,segment,regionId\ncus_cm-urumqi,中国移动乌鲁木齐分公司,China Mobile Urumqi,KEY,carrier,reg_urumqi\ncus_hotel,Urumqi Grand Hotel,,STANDARD,hotel,reg_xinjiang\n',
      'coverage.csv':
        'id,engineerId,customerId,role,from,to\ncov_b-primary,eng_b,cus_cm-urumqi,PRIMARY,2024-01-01T08:00:00+08:00,2025-06-01T00:00:00Z\n',
      'devices.csv': 'id,serial,model,maintenanceUntil,customerId\ndev_osn,SN-0001,OptiX OSN 8800,2024-12-31T16:00:00.000Z,cus_cm-urumqi\n',
    });
    const report = await importPath(store, changed);
    expect(report.files.map((f) => [f.file, f.created, f.updated, f.unchanged])).toEqual([
      ['customers.csv', 0, 2, 0],
      ['devices.csv', 0, 0, 1],
      ['coverage.csv', 0, 1, 0],
    ]);
    const rows = [...(await historyOf(store, 'cus_cm-urumqi')), ...(await historyOf(store, 'cus_hotel'))]
      .filter((c) => c.op === 'UPDATE')
      .map((c) => ({ id: c.entityId, actor: c.actor, changes: c.changes, summary: c.summary }));
    expect(rows.map((r) => ({ ...r, changes: JSON.parse(r.changes as string) }))).toEqual([
      {
        id: 'cus_cm-urumqi',
        actor: 'system',
        changes: { tier: { before: 'VIP', after: 'KEY' } },
        summary: 'Customer cus_cm-urumqi imported from customers.csv line 2',
      },
      {
        id: 'cus_cm-urumqi',
        actor: 'system',
        changes: { to: { before: null, after: '2025-06-01T00:00:00.000Z' } },
        summary: 'coverage cov_b-primary (eng_b → cus_cm-urumqi) imported from coverage.csv line 2',
      },
      {
        id: 'cus_hotel',
        actor: 'system',
        changes: { regionId: { before: 'reg_urumqi', after: 'reg_xinjiang' } },
        summary: 'Customer cus_hotel imported from customers.csv line 3',
      },
    ]);
    const [hotel] = await store.read(`MATCH (c:Customer {id: 'cus_hotel'}) RETURN [(c)-[:LOCATED_IN]->(r) | r.id] AS regions`);
    expect(hotel.regions).toEqual(['reg_xinjiang']);
    // Created listing its first batch (upsertKind's changeBatch), then linked to the second by recordChangeBatch.
    expect((await historyOf(store, 'cus_hotel')).map((c) => c.op)).toEqual(['CREATE', 'UPDATE']);
    const [batches] = await store.read(`MATCH (c:Customer {id: 'cus_hotel'}) RETURN c._changeBatches AS ids`);
    expect(batches.ids).toHaveLength(2);
  });

  it('rejects bad rows with their line and field, and loads the good ones', async () => {
    const dir = dataDir({
      'regions.csv': 'id,name,kind\nreg_urumqi,Urumqi,CITY\n',
      'customers.csv': [
        'id,name,tier,segment,regionId',
        'cus_good,"Good, Inc",VIP,carrier,reg_urumqi',
        'cus_tier,Bad tier,GOLD,carrier,reg_urumqi',
        'cus_multi,"Spread over',
        'two lines",KEY,carrier,reg_urumqi',
        'cus_noname,,STANDARD,,',
        'cus_ref,Unknown region,KEY,,reg_nowhere',
        'eng_wrong,Wrong prefix,VIP,,',
        'cus_short,Too few fields',
        'cus_last,Last,STANDARD,,reg_urumqi',
      ].join('\n'),
    });
    const report = await importPath(store, dir);
    expect(report.errors).toEqual([
      { file: 'customers.csv', line: 3, field: 'tier', reason: '"GOLD" is not one of VIP, KEY, STANDARD' },
      { file: 'customers.csv', line: 6, field: 'name', reason: 'is required' },
      { file: 'customers.csv', line: 7, field: 'regionId', reason: 'unknown Region reg_nowhere' },
      { file: 'customers.csv', line: 8, field: 'id', reason: '"eng_wrong" is not a Customer id' },
      { file: 'customers.csv', line: 9, field: '', reason: 'has 2 fields, the header has 5' },
    ]);
    expect(report.errorCount).toBe(5);
    expect(report.files[1]).toEqual({
      file: 'customers.csv',
      kind: 'customers',
      rows: 8,
      created: 3,
      updated: 0,
      unchanged: 0,
      rejected: 5,
    });
    const ids = await store.read('MATCH (c:Customer) RETURN c.id AS id ORDER BY id');
    expect(ids.map((r) => r.id)).toEqual(['cus_good', 'cus_last', 'cus_multi']);
  });

  it('--strict loads nothing when any row is bad, and everything when all rows are good', async () => {
    const good = {
      'regions.csv': 'id,name,kind\nreg_urumqi,Urumqi,CITY\n',
      'customers.csv': 'id,name,tier,regionId\ncus_a,A,VIP,reg_urumqi\n',
    };
    const bad = dataDir({ ...good, 'customers.csv': 'id,name,tier,regionId\ncus_a,A,VIP,reg_urumqi\ncus_b,B,VIP,reg_nowhere\n' });
    const refused = await importPath(store, bad, { strict: true });
    expect(refused.loaded).toBe(false);
    expect(refused.errors).toEqual([{ file: 'customers.csv', line: 3, field: 'regionId', reason: 'unknown Region reg_nowhere' }]);
    expect(refused.files.map((f) => [f.file, f.rows, f.created, f.rejected])).toEqual([
      ['regions.csv', 1, 0, 0],
      ['customers.csv', 2, 0, 1],
    ]);
    expect(await snapshot(store)).toBe('');
    // The customer refers to a region that exists only in the same import: strict mode must know it.
    const accepted = await importPath(store, dataDir(good), { strict: true });
    expect(accepted.loaded).toBe(true);
    expect(accepted.files.map((f) => [f.file, f.created])).toEqual([
      ['regions.csv', 1],
      ['customers.csv', 1],
    ]);
  });

  it('reads a CSV with a UTF-8 BOM, CRLF line ends, quoted commas and quotes, and a line break in a quoted field', async () => {
    const csv =
      '\uFEFFid,name,nameLatin,tier,segment\r\ncus_a,"中国移动, 乌鲁木齐","China Mobile ""Urumqi""",VIP,carrier\r\ncus_b,"Two\r\nlines",,KEY,\r\ncus_c,C,,GOLD,\r\n';
    const report = await importPath(store, dataDir({ 'customers.csv': csv }));
    expect(report.errors).toEqual([{ file: 'customers.csv', line: 5, field: 'tier', reason: '"GOLD" is not one of VIP, KEY, STANDARD' }]);
    const rows = await store.read('MATCH (c:Customer) RETURN c.id AS id, c.name AS name, c.nameLatin AS latin ORDER BY id');
    expect(rows).toEqual([
      { id: 'cus_a', name: '中国移动, 乌鲁木齐', latin: 'China Mobile "Urumqi"' },
      { id: 'cus_b', name: 'Two\r\nlines', latin: null },
    ]);
  });

  it('JSON and JSON Lines: lists as arrays, bad records reported by line', async () => {
    const dir = dataDir({
      'regions.json':
        '[\n  {"id": "reg_w", "name": "Wuhan", "kind": "CITY"},\n  {\n    "id": "reg_x",\n    "name": "Xi\'an",\n    "kind": "TOWN"\n  }\n]',
      'engineers.jsonl':
        '{"id": "eng_a", "name": "A", "kind": "EMPLOYEE", "skills": ["OTN", "IP"], "regionId": "reg_w"}\n\n{"id": "eng_b", "name": "B", "kind": "EMPLOYEE", "email": "not-an-email"}\n{"id": "eng_c", "name": "C", "kind": "EMPLOYEE", "colour": "red"}\nnot json\n',
    });
    const report = await importPath(store, dir);
    expect(report.errors).toEqual([
      { file: 'regions.json', line: 3, field: 'kind', reason: '"TOWN" is not one of PROVINCE, CITY, OFFICE' },
      { file: 'engineers.jsonl', line: 3, field: 'email', reason: '"not-an-email" is not an e-mail address' },
      { file: 'engineers.jsonl', line: 4, field: 'colour', reason: 'is not a field of engineers' },
      { file: 'engineers.jsonl', line: 5, field: '', reason: expect.stringMatching(/^is not valid JSON/) },
    ]);
    expect(report.files.map((f) => [f.file, f.rows, f.created, f.rejected])).toEqual([
      ['regions.json', 2, 1, 1],
      ['engineers.jsonl', 4, 1, 3],
    ]);
    const [a] = await store.read(`MATCH (e:Engineer {id: 'eng_a'}) RETURN e.skills AS skills, [(e)-[:BASED_IN]->(r) | r.id] AS region`);
    expect(a).toEqual({ skills: ['OTN', 'IP'], region: ['reg_w'] });
  });

  it('reports files whose name is not a kind, and CSV headers with unknown or missing columns, and imports the rest', async () => {
    const dir = dataDir({
      'customer.csv': 'id,name,tier\ncus_a,A,VIP\n',
      'notes.txt': 'hello',
      'partners.csv': 'id,name,website\npar_a,A,https://a.example\n',
      'engineers.csv': 'id,kind\neng_a,EMPLOYEE\n',
      'regions.csv': 'id,name,kind\nreg_a,A,CITY\n',
    });
    const report = await importPath(store, dir);
    expect(report.errors.map((e) => [e.file, e.line, e.field, e.reason.replace(/ \(.*$|: names are .*$/, '')])).toEqual([
      ['customer.csv', 0, '', 'is not an import file'],
      ['notes.txt', 0, '', 'is not an import file'],
      ['partners.csv', 1, 'website', 'is not a column of partners'],
      ['engineers.csv', 1, 'name', 'is a required column and is missing from the header'],
    ]);
    expect(report.files.map((f) => [f.file, f.rows, f.created])).toEqual([
      ['regions.csv', 1, 1],
      ['partners.csv', 0, 0],
      ['engineers.csv', 0, 0],
    ]);
    expect(await count(store, 'Customer')).toBe(0);
    await expect(importPath(store, path.join(dir, 'missing'))).rejects.toThrow(ImportInputError);
  });

  it('checks references: unknown ids are row errors naming field and id; ids from earlier files of the import count', async () => {
    const dir = dataDir({
      'customers.csv': 'id,name,tier\ncus_a,A,VIP\n',
      'engineers.csv': 'id,name,kind\neng_a,A,EMPLOYEE\neng_bad,B,ROBOT\n',
      'cases.csv':
        'id,title,kind,severity,status,openedAt,customerId,workedOnIds\ncas_1,T,FAULT,MINOR,OPEN,2025-01-01T00:00:00Z,cus_x,eng_a\ncas_2,T,FAULT,MINOR,OPEN,2025-01-01T00:00:00Z,cus_a,eng_a;eng_bad;eng_ghost\ncas_3,T,FAULT,MINOR,OPEN,2025-01-01T00:00:00Z,cus_a,eng_a\n',
      'coverage.csv':
        'id,engineerId,customerId,role,from\ncov_1,eng_bad,cus_a,PRIMARY,2025-01-01T00:00:00Z\ncov_2,eng_a,cus_a,PRIMARY,2025-01-01T00:00:00Z\n',
    });
    const report = await importPath(store, dir);
    expect(report.errors).toEqual([
      { file: 'engineers.csv', line: 3, field: 'kind', reason: '"ROBOT" is not one of EMPLOYEE, PARTNER' },
      { file: 'cases.csv', line: 2, field: 'customerId', reason: 'unknown Customer cus_x' },
      { file: 'cases.csv', line: 3, field: 'workedOnIds', reason: 'unknown Engineer eng_bad' },
      { file: 'cases.csv', line: 3, field: 'workedOnIds', reason: 'unknown Engineer eng_ghost' },
      { file: 'coverage.csv', line: 2, field: 'engineerId', reason: 'unknown Engineer eng_bad' },
    ]);
    expect((await store.read('MATCH (k:`Case`) RETURN k.id AS id')).map((r) => r.id)).toEqual(['cas_3']);
    expect(await store.read('MATCH (:Customer {id: "cus_a"})<-[r:COVERS]-(e) RETURN r.id AS id, e.id AS engineer')).toEqual([
      { id: 'cov_2', engineer: 'eng_a' },
    ]);
  });

  it('rows may refer to rows of their own kind later in the file, across batches; unknown targets and loops are errors', async () => {
    const contacts = [
      'id,name,role,reportsToId',
      'con_1,One,ON_DUTY,con_3', // forward, two batches ahead
      'con_2,Two,ENGINEER,con_1',
      'con_3,Three,MANAGER,con_4',
      'con_4,Four,EXECUTIVE,',
      'con_5,Five,MANAGER,con_6', // a loop: 5 -> 6 -> 5, refused as the API refuses it
      'con_6,Six,MANAGER,con_5',
      'con_7,Seven,ENGINEER,con_ghost',
      'con_8,Eight,ENGINEER,con_7', // refers to a rejected row
      'con_9,Nine,ENGINEER,con_9',
    ].join('\n');
    const expected = [
      { file: 'contacts.csv', line: 6, field: 'reportsToId', reason: 'would create a cycle: con_5 → con_6 → con_5' },
      { file: 'contacts.csv', line: 7, field: 'reportsToId', reason: 'would create a cycle: con_6 → con_5 → con_6' },
      { file: 'contacts.csv', line: 8, field: 'reportsToId', reason: 'unknown Contact con_ghost' },
      { file: 'contacts.csv', line: 9, field: 'reportsToId', reason: 'unknown Contact con_7' },
      { file: 'contacts.csv', line: 10, field: 'reportsToId', reason: 'con_9 cannot point at itself' },
    ];
    for (const strict of [false, true]) {
      const s = await engine.open();
      try {
        const report = await importPath(s, dataDir({ 'contacts.csv': contacts }), { batchSize: 1, strict });
        expect(report.errors).toEqual(expected);
        if (strict) {
          expect(await count(s, 'Contact')).toBe(0);
          continue;
        }
        const lines = await s.read('MATCH (c:Contact) RETURN c.id AS id, [(c)-[:REPORTS_TO]->(m) | m.id] AS reportsTo ORDER BY id');
        expect(lines).toEqual([
          { id: 'con_1', reportsTo: ['con_3'] },
          { id: 'con_2', reportsTo: ['con_1'] },
          { id: 'con_3', reportsTo: ['con_4'] },
          { id: 'con_4', reportsTo: [] },
        ]);
        expect(report.files[0]).toMatchObject({ rows: 9, created: 4, rejected: 5 });
        // A loop through stored records is refused too: con_4 cannot report to someone below them.
        const closing = await importPath(s, dataDir({ 'contacts.csv': 'id,name,role,reportsToId\ncon_4,Four,EXECUTIVE,con_2\n' }));
        expect(closing.errors).toEqual([
          { file: 'contacts.csv', line: 2, field: 'reportsToId', reason: 'would create a cycle: con_4 → con_2 → con_1 → con_3 → con_4' },
        ]);
      } finally {
        await s.close();
      }
    }
  });

  it('the same record twice in one file: the later row wins and the earlier counts as written first', async () => {
    const report = await importPath(
      store,
      dataDir({ 'regions.csv': 'id,name,kind\nreg_a,First,CITY\nreg_a,Second,CITY\nreg_a,Second,CITY\n' }),
    );
    expect(report.files[0]).toMatchObject({ rows: 3, created: 1, updated: 1, unchanged: 1 });
    expect(await store.read('MATCH (r:Region) RETURN r.name AS name')).toEqual([{ name: 'Second' }]);
  });

  it('stops after the batch in progress when aborted; what was written stays and a re-run finishes the job', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `reg_${i},Region ${i},CITY`).join('\n');
    const dir = dataDir({ 'regions.csv': `id,name,kind\n${rows}\n` });
    const abort = new AbortController();
    await expect(importPath(store, dir, { batchSize: 10, signal: abort.signal, onProgress: () => abort.abort() })).rejects.toThrow(
      ImportAbortedError,
    );
    expect(await count(store, 'Region')).toBe(10);
    const rerun = await importPath(store, dir, { batchSize: 10 });
    expect(rerun.files[0]).toMatchObject({ rows: 30, created: 20, unchanged: 10 });
  });

  it('reports progress per batch and at the end of each file; imports from a string (the API path)', async () => {
    const progress: ImportProgress[] = [];
    const rows = Array.from({ length: 25 }, (_, i) => `reg_${i},Region ${i},CITY`).join('\n');
    const report = await importContent(
      store,
      { kind: 'regions', format: 'csv', content: `id,name,kind\n${rows}\n` },
      { batchSize: 10, onProgress: (p) => progress.push(p) },
    );
    expect(report.files).toEqual([{ file: 'regions.csv', kind: 'regions', rows: 25, created: 25, updated: 0, unchanged: 0, rejected: 0 }]);
    expect(progress.map((p) => [p.rows, p.done])).toEqual([
      [10, false],
      [20, false],
      [25, false],
      [25, true],
    ]);
    expect(progress.at(-1)).toMatchObject({ phase: 'import', file: 'regions.csv', bytesRead: progress.at(-1)!.totalBytes });
    expect(report.rowsPerSecond).toBeGreaterThan(0);
    expect(() => importContent(store, { kind: 'widgets', format: 'csv', content: '' })).toThrow(/unknown kind "widgets"/);
  });
});
