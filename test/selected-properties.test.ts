import fc from 'fast-check';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { accessLogBuffer } from '../src/graph/repositories/access-log.repo';
import { testEngines } from './support/engines';
import { GraphBuilder } from './support/fixtures';
import { Harness } from './support/harness';

/**
 * A customer's contacts and coverage read only the properties the query selects (issue 15:
 * src/resolvers/projections.ts). Whatever is selected, and however (aliases, inline and named
 * fragments, relation fields, fields the tables do not know), the answer must be the full answer
 * cut down to the selection; and the statements must really read fewer properties.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers read without generated types
type Answer = any;
const doc = (text: string) => parse(text) as TypedDocumentNode<Answer, Record<string, unknown>>;

const FROM = '2025-01-01T00:00:00Z';
const CUSTOMERS = 6;

function fixture() {
  const g = new GraphBuilder().region({ id: 'reg_sel', name: 'Sel', kind: 'CITY' });
  g.engineer({
    id: 'eng_sel-a',
    name: 'Alice',
    nameLatin: 'Alice A',
    kind: 'EMPLOYEE',
    phone: '139001',
    email: 'alice@example.com',
    skills: ['ip'],
  });
  g.engineer({ id: 'eng_sel-b', name: 'Bob', kind: 'PARTNER', status: 'LEFT', skills: [] });
  g.engineer({ id: 'eng_sel-c', name: 'Chen', kind: 'EMPLOYEE', phone: '139003' });
  for (let i = 0; i < CUSTOMERS; i++) {
    const c = `cus_sel-${i}`;
    g.customer({ id: c, name: `Sel ${i}`, tier: 'KEY', regionId: 'reg_sel' });
    g.coverage({ id: `cov_sel-${i}a`, engineerId: 'eng_sel-a', customerId: c, role: 'PRIMARY', from: FROM, assignedBy: 'test' });
    if (i % 2) g.coverage({ id: `cov_sel-${i}b`, engineerId: 'eng_sel-b', customerId: c, role: 'BACKUP', from: FROM });
    if (i % 3 === 0)
      g.coverage({ id: `cov_sel-${i}c`, engineerId: 'eng_sel-c', customerId: c, role: 'BACKUP', from: FROM, to: '2025-06-01T00:00:00Z' });
    for (let k = 0; k < (i % 3) + 1; k++) {
      const p = `con_sel-${i}-${k}`;
      g.contact({
        id: p,
        name: `${'ZYX'[k]} ${i}`,
        nameLatin: k ? `Latin ${k}` : undefined,
        title: 'Ops',
        role: 'ON_DUTY',
        phone: `13800${i}${k}`,
        email: k ? undefined : `c${i}@example.com`,
      });
      g.employment({ contactId: p, customerId: c, from: FROM, ...(k === 2 ? { to: '2025-03-01T00:00:00Z' } : {}) });
    }
  }
  return g;
}

/** One selected field: `sub` for an object field. */
interface Pick {
  alias?: string;
  field: string;
  sub?: Pick[];
}

const CONTACT_FIELDS = ['id', 'name', 'nameLatin', 'title', 'role', 'phone', 'email', 'status', '__typename'];
const ENGINEER_FIELDS = ['id', 'name', 'nameLatin', 'kind', 'status', 'phone', 'email', 'skills', '__typename'];
const COVERAGE_FIELDS = ['id', 'role', 'from', 'to', 'assignedBy', 'current', '__typename'];

const leaves = (names: string[]) =>
  fc.uniqueArray(fc.constantFrom(...names), { minLength: 1, maxLength: 5 }).map((fields) => fields.map((field): Pick => ({ field })));
const aliased = (picks: fc.Arbitrary<Pick[]>) =>
  fc
    .tuple(picks, fc.boolean())
    .map(([list, alias]) => (alias && list.length ? [{ ...list[0], alias: `the_${list[0].field}` }, ...list.slice(1)] : list));

/** A contact's selection: its properties, sometimes a relation (read by id) or the manager. */
const contactPicks = aliased(
  fc
    .tuple(
      leaves(CONTACT_FIELDS),
      fc.constantFrom<Pick[]>([], [{ field: 'customer', sub: [{ field: 'id' }] }], [{ field: 'employments', sub: [{ field: 'title' }] }]),
    )
    .map(([a, b]) => [...a, ...b]),
);
/** An engineer's selection: his properties, sometimes a field the tables do not know (absences). */
const engineerPicks = fc
  .tuple(
    leaves(ENGINEER_FIELDS),
    fc.constantFrom<Pick[]>([], [], [{ field: 'absences', sub: [{ field: 'id' }] }], [{ field: 'region', sub: [{ field: 'id' }] }]),
  )
  .map(([a, b]) => [...a, ...b]);
const coveragePicks = aliased(
  fc
    .tuple(leaves(COVERAGE_FIELDS), fc.option(engineerPicks, { nil: undefined }), fc.boolean())
    .map(([a, engineer, customer]) => [
      ...a,
      ...(engineer ? [{ field: 'engineer', sub: engineer }] : []),
      ...(customer ? [{ field: 'customer', sub: [{ field: 'id' }] }] : []),
    ]),
);

/** How a selection is written: plainly, in an inline fragment, or half in a named fragment. */
type Style = 'plain' | 'inline' | 'named';

function render(picks: Pick[], type: string, style: Style, fragments: string[]): string {
  const text = picks.map(
    (p) => `${p.alias ? `${p.alias}: ` : ''}${p.field}${p.sub ? ` { ${render(p.sub, '', 'plain', fragments)} }` : ''}`,
  );
  if (style === 'plain' || text.length < 2) return text.join(' ');
  const [first, ...rest] = text;
  if (style === 'inline') return `${first} ... on ${type} { ${rest.join(' ')} }`;
  const name = `F${fragments.length}`;
  fragments.push(`fragment ${name} on ${type} { ${rest.join(' ')} }`);
  return `${first} ...${name}`;
}

/** The full answer cut down to the selection (aliases renamed). */
function cut(full: Answer, picks: Pick[]): Answer {
  if (full === null || full === undefined) return full;
  if (Array.isArray(full)) return full.map((x) => cut(x, picks));
  const out: Answer = {};
  for (const p of picks) out[p.alias ?? p.field] = p.sub ? cut(full[p.field], p.sub) : full[p.field];
  return out;
}

const ALL_CONTACT = 'id name nameLatin title role phone email status __typename customer { id } employments { title }';
const ALL_ENGINEER = 'id name nameLatin kind status phone email skills __typename absences { id } region { id }';
const ALL_COVERAGE = `id role from to assignedBy current __typename customer { id } engineer { ${ALL_ENGINEER} }`;

describe.each(testEngines())('selected properties on $name', (engine) => {
  let h: Harness;
  let full: Answer;
  beforeAll(async () => {
    h = await Harness.start(engine);
    await fixture().write(h.store);
    // Every field, and escalationPath beside coverage: every property read (the tables' fallback).
    full = await h.data(
      doc(`{ customers(first: 8, filter: { region: "reg_sel" }) { edges { node { id
        coverage { ${ALL_COVERAGE} } contacts { ${ALL_CONTACT} } formerToo: contacts(includeFormer: true) { ${ALL_CONTACT} }
        escalationPath { order } } } } }`),
    );
    expect(full.customers.edges).toHaveLength(CUSTOMERS);
  });
  afterAll(async () => {
    await h.stop();
  });

  it('answers any selection of contacts and coverage as the full answer cut down to it', async () => {
    await fc.assert(
      fc.asyncProperty(
        coveragePicks,
        contactPicks,
        fc.constantFrom<Style>('plain', 'inline', 'named'),
        fc.boolean(),
        async (coverage, contacts, style, former) => {
          const fragments: string[] = [];
          const cov = render(coverage, 'Coverage', style, fragments);
          const con = render(contacts, 'Contact', style, fragments);
          const args = former ? '(includeFormer: true)' : '';
          const listed = await h.data(
            doc(`{ customers(first: 8, filter: { region: "reg_sel" }) { edges { node { id coverage { ${cov} } contacts${args} { ${con} } } } } }
              ${fragments.join('\n')}`),
          );
          const edges = full.customers.edges as Answer[];
          expect(listed.customers.edges.map((e: Answer) => e.node)).toEqual(
            edges.map((e) => ({
              id: e.node.id,
              coverage: cut(e.node.coverage, coverage),
              contacts: cut(former ? e.node.formerToo : e.node.contacts, contacts),
            })),
          );
          // One customer (the prefetch reads the same loads) and whoCovers.
          const one = edges[3].node;
          const card = await h.data(
            doc(
              `query($id: ID!) { customer(id: $id) { coverage { ${cov} } contacts${args} { ${con} } } whoCovers(customerId: $id) { ${cov} } } ${fragments.join('\n')}`,
            ),
            {
              id: one.id,
            },
          );
          expect(card.customer).toEqual({
            coverage: cut(one.coverage, coverage),
            contacts: cut(former ? one.formerToo : one.contacts, contacts),
          });
          expect(card.whoCovers).toEqual(cut(one.coverage, coverage));
        },
      ),
      { numRuns: 40, seed: 15 },
    );
  });

  const statements = async (text: string, variables?: Record<string, unknown>) => {
    await accessLogBuffer(h.store).flush();
    h.store.reset();
    const answer = await h.data(doc(text), variables);
    return { answer, statements: [...h.store.statements], sentAfter: [...h.store.sentAfter] };
  };

  it('reads only the selected properties, in one statement per relation whatever the list length', async () => {
    const list = (first: number) =>
      statements(`{ customers(first: ${first}, filter: { region: "reg_sel" }) { edges { node { name
        coverage { role engineer { id name } } contacts { id role } } } } }`);
    const [two, six] = [await list(2), await list(6)];
    expect(two.statements).toHaveLength(six.statements.length);
    const contacts = six.statements.filter((s) => /WORKS_AT/.test(s));
    const coverage = six.statements.filter((s) => /COVERS/.test(s) && /UNWIND/.test(s));
    expect(contacts).toHaveLength(1);
    expect(coverage).toHaveLength(1);
    // The contacts' name is read for their order, unselected.
    expect(contacts[0]).toMatch(/\[p\.id, p\.name, p\.role\] AS p/);
    expect(coverage[0]).toMatch(/\[r\.id, r\.role\] AS r, \[e\.id, e\.name\] AS e/);
    expect(six.answer.customers.edges[1].node.contacts.map((c: Answer) => c.id)).toEqual(
      full.customers.edges[1].node.contacts.map((c: Answer) => c.id),
    );
  });

  it('reads every property when a field the tables do not know is selected, or escalationPath is beside coverage', async () => {
    const read = async (coverage: string) =>
      (
        await statements(`{ customers(first: 6, filter: { region: "reg_sel" }) { edges { node {
          ${coverage} contacts { id reportsTo { id } } } } } }`)
      ).statements;
    const coverageOf = (list: string[]) => list.filter((s) => /COVERS/.test(s) && /UNWIND/.test(s));
    const beside = await read('coverage { role engineer { id } } escalationPath { order }');
    expect(coverageOf(beside)).toHaveLength(1);
    expect(coverageOf(beside)[0]).toMatch(/\[r\.assignedBy, r\.from, r\.id, r\.role, r\.to\] AS r, \[e\.email, e\.id, e\.kind/);
    // absences is not in the Engineer table: every engineer property, but only the coverage's role.
    const unknown = await read('coverage { role engineer { id absences { id } } }');
    expect(coverageOf(unknown)[0]).toMatch(/\[r\.id, r\.role\] AS r, \[e\.email, e\.id, e\.kind/);
    // A contact's relations read only its id (and the name, for the order).
    expect(unknown.find((s) => /WORKS_AT/.test(s))).toMatch(/\[p\.id, p\.name\] AS p/);
  });

  it('a card without escalationPath still reads its relations in the customer wave, each once', async () => {
    const { statements: read, sentAfter } = await statements(
      `query($id: ID!) { customer(id: $id) { id name coverage { role engineer { name } } contacts { name } } }`,
      { id: 'cus_sel-3' },
    );
    expect(read).toHaveLength(3);
    expect(sentAfter).toEqual([0, 0, 0]);
    expect(read.find((s) => /COVERS/.test(s))).toMatch(/\[r\.id, r\.role\] AS r, \[e\.id, e\.name\] AS e/);
  });
});
