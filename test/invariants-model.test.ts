import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import fc from 'fast-check';
import { parse } from 'graphql';
import { testEngines } from './support/engines';
import { HANDOFF_NOW, handoffFixture } from './support/handoff-fixture';
import { Harness } from './support/harness';
import { violationsViaApi } from './support/invariant-check';

/**
 * Model-based test (docs/rules.md): random sequences of mutations, handoffs, item work, imports and
 * absences against the real embedded store; after every step the rules are read back through the
 * API and must all hold, and no step may fail with anything but a client error.
 *
 * Fixed seed and a bounded number of runs in the normal suite; a longer run:
 *   RAPPORT_MODEL_RUNS=500 RAPPORT_MODEL_SEED=$RANDOM npx jest test/invariants-model.test.ts
 */
const RUNS = Number(process.env.RAPPORT_MODEL_RUNS ?? 12);
const SEED = Number(process.env.RAPPORT_MODEL_SEED ?? 20261201);

const CUSTOMERS = ['cus_big1', 'cus_big2', 'cus_small'];
const CASES = ['cas_small-board'];
const ENGINEERS = ['eng_a', 'eng_b', 'eng_c', 'eng_d'];
const CLIENT_ERRORS = ['CONFLICT', 'BAD_USER_INPUT', 'NOT_FOUND'];
const DAY = 24 * 3600 * 1000;

interface Model {
  handoffs: string[];
  items: string[];
}
interface Real {
  h: Harness;
  clock: number;
}

const day = (d: number) => new Date(HANDOFF_NOW.getTime() + d * DAY).toISOString();

/** An operation whose answer is read without generated types. */
type Untyped = TypedDocumentNode<any, Record<string, unknown>>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Runs one operation as a caller at the next instant; a client error is a fine answer, anything else fails. */
async function call(r: Real, query: string, variables: Record<string, unknown> = {}) {
  r.clock += 3_600_000;
  const res = await r.h.run(parse(query) as unknown as Untyped, variables, {
    now: new Date(r.clock),
    actor: 'model',
  });
  for (const e of res.errors ?? []) {
    if (!CLIENT_ERRORS.includes(String(e.extensions?.code)))
      throw new Error(`${query.trim().split('\n')[0]} ${JSON.stringify(variables)} → ${e.extensions?.code}: ${e.message}`);
  }
  return res.errors?.length ? null : res.data;
}

async function checkRules(r: Real, m: Model, step: string) {
  const exec = async (query: string, variables?: Record<string, unknown>) => {
    const res = await r.h.run(parse(query) as unknown as Untyped, variables, {
      now: new Date(r.clock),
    });
    if (res.errors?.length) throw new Error(JSON.stringify(res.errors));
    return res.data;
  };
  const broken = await violationsViaApi(exec, { customerIds: CUSTOMERS, caseIds: CASES, itemIds: m.items.slice(0, 12) });
  if (broken.length) throw new Error(`after ${step}: ${JSON.stringify(broken)}`);
}

abstract class Step implements fc.AsyncCommand<Model, Real> {
  check() {
    return true;
  }
  async run(m: Model, r: Real) {
    await this.act(m, r);
    await checkRules(r, m, this.toString());
  }
  abstract act(m: Model, r: Real): Promise<void>;
  abstract toString(): string;
}

class AssignCoverage extends Step {
  constructor(
    readonly customerId: string,
    readonly engineerId: string,
    readonly role: string,
    readonly from: number | null,
    readonly replaceCurrent: boolean,
  ) {
    super();
  }
  async act(_m: Model, r: Real) {
    const input = {
      customerId: this.customerId,
      engineerId: this.engineerId,
      role: this.role,
      from: this.from == null ? null : day(this.from),
      replaceCurrent: this.replaceCurrent,
    };
    await call(r, `mutation($input: AssignCoverageInput!) { assignCoverage(input: $input) { id } }`, { input });
  }
  toString() {
    return `assignCoverage(${this.customerId}, ${this.engineerId}, ${this.role}, ${this.from}, ${this.replaceCurrent})`;
  }
}

class EndCoverage extends Step {
  constructor(
    readonly customerId: string,
    readonly pick: number,
  ) {
    super();
  }
  async act(_m: Model, r: Real) {
    const data = await call(r, `query($id: ID!) { whoCovers(customerId: $id) { id } }`, { id: this.customerId });
    const list = (data?.whoCovers ?? []) as { id: string }[];
    if (list.length)
      await call(r, `mutation($id: ID!) { endCoverage(input: { coverageId: $id }) { id } }`, { id: list[this.pick % list.length].id });
  }
  toString() {
    return `endCoverage(${this.customerId}#${this.pick})`;
  }
}

class ImportCoverage extends Step {
  constructor(
    readonly customerId: string,
    readonly engineerId: string,
    readonly role: string,
    readonly from: number,
    readonly replaceCurrent: boolean,
    readonly n: number,
  ) {
    super();
  }
  async act(_m: Model, r: Real) {
    const content = `id,engineerId,customerId,role,from\ncov_model-${this.n},${this.engineerId},${this.customerId},${this.role},${day(this.from)}\n`;
    await call(
      r,
      `mutation($content: String!, $rc: Boolean) { importRecords(kind: "coverage", format: CSV, content: $content, replaceCurrent: $rc) { errorCount } }`,
      { content, rc: this.replaceCurrent },
    );
  }
  toString() {
    return `import(${this.customerId}, ${this.engineerId}, ${this.role}, ${this.from}, ${this.replaceCurrent})`;
  }
}

class StartHandoff extends Step {
  constructor(
    readonly outgoing: string,
    readonly successor: string,
    readonly reason: string,
    readonly at: number,
  ) {
    super();
  }
  async act(m: Model, r: Real) {
    const input = {
      outgoingEngineerId: this.outgoing,
      successors: [{ engineerId: this.successor }],
      reason: this.reason,
      effectiveAt: day(this.at),
      until: this.reason === 'VACATION' ? day(this.at + 3) : null,
    };
    const data = await call(r, `mutation($input: PlanHandoffInput!) { startHandoff(input: $input) { id items { id } } }`, { input });
    if (data) {
      m.handoffs.push(data.startHandoff.id);
      m.items.push(...data.startHandoff.items.map((i: { id: string }) => i.id));
    }
  }
  toString() {
    return `startHandoff(${this.outgoing}→${this.successor}, ${this.reason}, ${this.at})`;
  }
}

class CloseHandoff extends Step {
  constructor(
    readonly pick: number,
    readonly cancel: boolean,
  ) {
    super();
  }
  async act(m: Model, r: Real) {
    if (!m.handoffs.length) return;
    const id = m.handoffs[this.pick % m.handoffs.length];
    if (this.cancel) await call(r, `mutation($id: ID!) { cancelHandoff(id: $id, reason: "model") { id } }`, { id });
    else await call(r, `mutation($id: ID!) { completeHandoff(id: $id, force: true, reason: "model") { id } }`, { id });
  }
  toString() {
    return `${this.cancel ? 'cancel' : 'complete'}Handoff(#${this.pick})`;
  }
}

class WorkItem extends Step {
  constructor(
    readonly pick: number,
    readonly op: 'complete' | 'reopen',
  ) {
    super();
  }
  async act(m: Model, r: Real) {
    if (!m.items.length) return;
    const id = m.items[this.pick % m.items.length];
    if (this.op === 'complete') await call(r, `mutation($id: ID!) { completeHandoffItem(id: $id) { id } }`, { id });
    else await call(r, `mutation($id: ID!) { reopenHandoffItem(id: $id, reason: "model") { id } }`, { id });
  }
  toString() {
    return `${this.op}Item(#${this.pick})`;
  }
}

class AssignCaseOwner extends Step {
  constructor(
    readonly engineerId: string,
    readonly at: number | null,
  ) {
    super();
  }
  async act(_m: Model, r: Real) {
    await call(r, `mutation($e: ID!, $at: DateTime) { assignCaseOwner(caseId: "cas_small-board", engineerId: $e, at: $at) { id } }`, {
      e: this.engineerId,
      at: this.at == null ? null : day(this.at),
    });
  }
  toString() {
    return `assignCaseOwner(${this.engineerId}, ${this.at})`;
  }
}

class RecordAbsence extends Step {
  constructor(
    readonly engineerId: string,
    readonly from: number,
    readonly days: number,
    readonly cover: string,
  ) {
    super();
  }
  async act(_m: Model, r: Real) {
    const input = {
      engineerId: this.engineerId,
      reason: 'LEAVE',
      from: day(this.from),
      to: day(this.from + this.days),
      coverEngineerIds: [this.cover],
    };
    await call(r, `mutation($input: RecordAbsenceInput!) { recordAbsence(input: $input) { id } }`, { input });
  }
  toString() {
    return `recordAbsence(${this.engineerId}, ${this.from}+${this.days}, ${this.cover})`;
  }
}

const customer = fc.constantFrom(...CUSTOMERS);
const engineer = fc.constantFrom(...ENGINEERS);
const role = fc.constantFrom('PRIMARY', 'PRIMARY', 'BACKUP');
const offset = fc.integer({ min: -3, max: 5 });
let importNo = 0;

const commands = fc.commands(
  [
    fc
      .tuple(customer, engineer, role, fc.option(offset, { nil: null }), fc.boolean())
      .map(([c, e, ro, f, rc]) => new AssignCoverage(c, e, ro, f, rc)),
    fc.tuple(customer, fc.nat(5)).map(([c, p]) => new EndCoverage(c, p)),
    fc.tuple(customer, engineer, role, offset, fc.boolean()).map(([c, e, ro, f, rc]) => new ImportCoverage(c, e, ro, f, rc, ++importNo)),
    fc
      .tuple(engineer, engineer, fc.constantFrom('ROTATION', 'TRANSFER', 'VACATION'), offset)
      .map(([o, s, re, at]) => new StartHandoff(o, s, re, at)),
    fc.tuple(fc.nat(5), fc.boolean()).map(([p, c]) => new CloseHandoff(p, c)),
    fc
      .tuple(fc.nat(20), fc.constantFrom('complete' as const, 'complete' as const, 'reopen' as const))
      .map(([p, op]) => new WorkItem(p, op)),
    fc.tuple(engineer, fc.option(offset, { nil: null })).map(([e, at]) => new AssignCaseOwner(e, at)),
    fc.tuple(engineer, offset, fc.integer({ min: 1, max: 4 }), engineer).map(([e, f, d, c]) => new RecordAbsence(e, f, d, c)),
  ],
  { maxCommands: 14 },
);

describe.each(testEngines())('model-based: the rules hold after every step ($name)', (engine) => {
  it(`random sequences of writes (seed ${SEED}, ${RUNS} runs) never break a rule nor answer a server error`, async () => {
    await fc.assert(
      fc.asyncProperty(commands, async (cmds) => {
        const h = await Harness.start(engine);
        try {
          await handoffFixture().write(h.store);
          await fc.asyncModelRun(() => ({ model: { handoffs: [], items: [] }, real: { h, clock: HANDOFF_NOW.getTime() } }), cmds);
        } finally {
          await h.stop();
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  }, 300_000);
});
