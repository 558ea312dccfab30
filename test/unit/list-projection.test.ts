import { EmbeddedStore } from '../../src/graph/embedded-store';
import { currentAt } from '../../src/graph/current';
import { ListProjection } from '../../src/graph/list-projection';
import {
  COVERAGE_FIELDS,
  COVERAGE_HISTORY_OF_CUSTOMERS,
  COVERAGE_OF_CUSTOMERS_AT,
  coverageOfCustomersAtCypher,
  coverageRow,
  ENGINEER_FIELDS,
} from '../../src/graph/repositories/coverage.repo';
import {
  CONTACT_FIELDS,
  CONTACTS_OF_CUSTOMERS,
  contactRow,
  contactRows,
  contactsOfCustomersCypher,
} from '../../src/graph/repositories/customer.repo';

/**
 * The coverage and contacts statements return lists of values instead of map projections (issue 15,
 * seventh round). Their rows, decoded, must be the rows of the statements they replaced, kept here.
 */
const OLD_COVERAGE = (filtered: boolean) => `
UNWIND $ids AS id
MATCH (c:Customer {id: id})<-[r:COVERS]-(e:Engineer)${filtered ? `\nWHERE ${currentAt('r')} AND ($role IS NULL OR r.role = $role)` : ''}
RETURN id AS key, r {.id, .role, .from, .to, .assignedBy} AS r, e.id AS engineerId, c.id AS customerId, e {.id, .name, .nameLatin, .kind, .status, .phone, .email, .skills} AS e
ORDER BY r.from DESC, r.id DESC`;
const OLD_CONTACTS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id})<-[w:WORKS_AT]-(p:Contact)
WHERE $includeFormer OR ${currentAt('w')}
WITH id, c, p, w ORDER BY p.name, p.id
RETURN id AS key, p {.id, .name, .nameLatin, .title, .role, .phone, .email, .status} AS p, w {.from, .to, .title} AS w,
  p.id AS contactId, c.id AS customerId`;

const expectSame = (actual: unknown, expected: unknown) => {
  expect(actual).toEqual(expected);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
};

describe('ListProjection', () => {
  const p = new ListProjection(['name', 'id', 'email']);
  it('lists the properties in alphabetical order and maps them back', () => {
    expect(p.of('x')).toBe('[x.email, x.id, x.name]');
    expectSame(p.toMap(['a@b', 'x1', null]), { email: 'a@b', id: 'x1', name: null });
    expect(p.toMap(null)).toBeNull();
  });

  it('picks a subset of its keys, always with id, the same instance for the same subset', () => {
    const named = p.pick(['name', 'unknown']);
    expect(named.keys).toEqual(['id', 'name']);
    expect(p.pick(['unknown', 'name'])).toBe(named);
    expect(p.pick(['email', 'name'])).toBe(p);
    expect(p.pick([]).of('x')).toBe('[x.id]');
  });
});

describe('the coverage and contacts statements give the rows of the map projections they replaced', () => {
  let store: EmbeddedStore;
  const at = '2026-06-01T00:00:00.000Z';
  beforeAll(async () => {
    store = EmbeddedStore.inMemory();
    await store.write(`
      CREATE (a:Customer {id: 'cus_a', name: '万达'}), (b:Customer {id: 'cus_b', name: 'B'}), (z:Customer {id: 'cus_z', name: 'Z'}),
        (e1:Engineer {id: 'eng_1', name: '刘涛', nameLatin: 'Tao Liu', kind: 'EMPLOYEE', status: 'ACTIVE', phone: '+86 1', skills: ['ip', 'transmission']}),
        (e2:Engineer {id: 'eng_2', name: 'Two', kind: 'PARTNER', status: 'LEFT', email: 'two@x'}),
        (a)<-[:COVERS {id: 'cov_1', role: 'PRIMARY', from: datetime('2026-01-01T00:00:00Z'), assignedBy: 'bench'}]-(e1),
        (a)<-[:COVERS {id: 'cov_2', role: 'BACKUP', from: datetime('2026-01-01T00:00:00Z')}]-(e2),
        (a)<-[:COVERS {id: 'cov_3', role: 'PRIMARY', from: datetime('2025-01-01T00:00:00Z'), to: datetime('2026-01-01T00:00:00Z')}]-(e2),
        (b)<-[:COVERS {id: 'cov_4', role: 'PRIMARY', from: datetime('2026-03-01T00:00:00Z')}]-(e2),
        (b)<-[:COVERS {id: 'cov_5', role: 'PRIMARY', from: datetime('2027-01-01T00:00:00Z')}]-(e1),
        (a)<-[:WORKS_AT {from: datetime('2020-01-01T00:00:00Z'), title: 'CTO'}]-(:Contact {id: 'con_1', name: '何伟', nameLatin: 'Wei He', role: 'EXECUTIVE', status: 'ACTIVE', phone: '+86 2'}),
        (a)<-[:WORKS_AT {from: datetime('2020-01-01T00:00:00Z')}]-(:Contact {id: 'con_2', name: '何伟', email: 'c2@x', title: 'Ops'}),
        (a)<-[:WORKS_AT {from: datetime('2019-01-01T00:00:00Z'), to: datetime('2021-01-01T00:00:00Z'), title: 'Old'}]-(:Contact {id: 'con_3', name: 'A'}),
        (b)<-[:WORKS_AT {from: datetime('2026-01-01T00:00:00Z')}]-(:Contact {id: 'con_4', name: 'Zed', status: 'ACTIVE'})`);
  });
  afterAll(() => store.close());

  const ids = ['cus_a', 'cus_b', 'cus_z', 'cus_none'];
  it.each([
    ['every role', null],
    ['primary only', 'PRIMARY'],
  ])('coverage current at a time, %s', async (_name, role) => {
    const params = { ids, at, role };
    const old = await store.read(OLD_COVERAGE(true), params);
    expect(old.length).toBeGreaterThan(1);
    expectSame(
      (await store.read(COVERAGE_OF_CUSTOMERS_AT, params)).map((r) => coverageRow(r)),
      old,
    );
  });

  it('coverage history', async () => {
    const old = await store.read(OLD_COVERAGE(false), { ids });
    expect(old).toHaveLength(5);
    expectSame(
      (await store.read(COVERAGE_HISTORY_OF_CUSTOMERS, { ids })).map((r) => coverageRow(r)),
      old,
    );
  });

  it.each([
    ['current contacts', false],
    ['with former ones', true],
  ])('%s', async (_name, includeFormer) => {
    const params = { ids, at, includeFormer };
    const old = await store.read(OLD_CONTACTS, params);
    expect(old.length).toBeGreaterThan(1);
    // The old statement sorted by name, id; the new one leaves that to contactRows. The employment
    // (w) was never read from these rows and is no longer returned.
    expectSame(
      contactRows(await store.read(CONTACTS_OF_CUSTOMERS, params)),
      old.map(({ w: _w, ...row }) => row),
    );
  });

  /** `row` with its `key` maps restricted to `keys` (what a picked projection gives). */
  const only = (map: unknown, keys: readonly string[]) =>
    map === null ? null : Object.fromEntries(keys.map((k) => [k, (map as Record<string, unknown>)[k]]));

  it('a picked projection returns those properties of the same rows', async () => {
    const params = { ids, at, role: null };
    const full = (await store.read(COVERAGE_OF_CUSTOMERS_AT, params)).map((r) => coverageRow(r));
    const r = COVERAGE_FIELDS.pick(['role']);
    const e = ENGINEER_FIELDS.pick(['name', 'phone']);
    const slim = (await store.read(coverageOfCustomersAtCypher({ r, e }), params)).map((row) => coverageRow(row, r, e));
    expectSame(
      slim,
      full.map((row) => ({ ...row, r: only(row.r, ['id', 'role']), e: only(row.e, ['id', 'name', 'phone']) })),
    );
    const p = CONTACT_FIELDS.pick(['name', 'role']);
    const contacts = { ids, at, includeFormer: true };
    const sortById = (rows: Record<string, unknown>[]) => [...rows].sort((x, y) => String(x.contactId).localeCompare(String(y.contactId)));
    expectSame(
      sortById((await store.read(contactsOfCustomersCypher(p), contacts)).map((row) => contactRow(row, p))),
      sortById(
        contactRows(await store.read(CONTACTS_OF_CUSTOMERS, contacts)).map((row) => ({ ...row, p: only(row.p, ['id', 'name', 'role']) })),
      ),
    );
  });
});
