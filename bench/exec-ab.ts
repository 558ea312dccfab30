import 'reflect-metadata';
import path from 'node:path';
import { execute, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { buildSchema, type MiddlewareFn } from 'type-graphql';
import { buildRapportSchema } from '../src/build-schema';
import { resolvers } from '../src/resolvers';
import { createContext, type Context } from '../src/context';
import { EmbeddedStore } from '../src/graph/embedded-store';
import { createLogger } from '../src/logger';
import { DEFAULT_POLICY } from '../src/domain/sla-policy';
import { AppError, ErrorCode } from '../src/errors';
import { allows, operationClass, writeTargets } from '../src/auth/permissions';
import { keepVisible, refuseOutside } from '../src/auth/scope';
import { LOCAL_DEV } from '../src/auth/roles';
import { readManifest } from './generate';
import { OPERATIONS, type OpKey } from './operations';
import { ReplayStore } from './replay-store';

/**
 * GraphQL execution alone, A/B in one process (issue 15): the schema as built before (the guard as a
 * type-graphql global middleware, kept below as it was) against the schema as built now, executing
 * the same operation with graphql-js over an embedded store whose reads are answered from memory
 * after their first run. Blocks of each alternate, so that other processes' load falls on both.
 *   node dist/bench/exec-ab.js --store /tmp/store [--op card] [--rounds 20] [--block 200]
 */
const GuardBefore: MiddlewareFn<Context> = async ({ context, info, args }, next) => {
  const parent = info.parentType.name;
  if (parent === 'Query' || parent === 'Mutation') {
    const cls = operationClass(parent, info.fieldName);
    if (!allows(context.principal, cls)) {
      throw new AppError(ErrorCode.FORBIDDEN, `${info.fieldName} needs another role`, { operation: info.fieldName });
    }
    if (parent === 'Mutation' && context.scope.limited) {
      const ids = writeTargets(info.fieldName, args).filter((x): x is string => typeof x === 'string');
      await refuseOutside(context.scope, info.fieldName, ids, context.now);
    }
  }
  const result = await next();
  return context.scope.limited ? keepVisible(info.returnType, result, context.scope) : result;
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(argv: string[]) {
  const arg = (name: string, dflt: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : dflt;
  };
  const op = OPERATIONS[arg('op', 'card') as OpKey];
  const rounds = Number(arg('rounds', '20'));
  const block = Number(arg('block', '200'));
  const manifest = await readManifest(path.resolve(arg('data', path.join(__dirname, '..', '..', 'bench', 'data', 'small'))));
  if (!manifest) throw new Error('no bench data: npm run bench:data -- --scale small');
  const ids = manifest.samples.cardCustomerIds;
  const store = new ReplayStore(await EmbeddedStore.open(arg('store', '')));
  const logger = createLogger('silent');
  const schemas: Record<'before' | 'after', GraphQLSchema> = {
    before: await buildSchema({
      resolvers,
      globalMiddlewares: [GuardBefore],
      pubSub: { publish: () => undefined, subscribe: () => (async function* () {})() },
      validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
    }),
    after: await buildRapportSchema(),
  };
  const document: DocumentNode = parse(op.query);
  if (validate(schemas.after, document).length) throw new Error('the operation does not validate');
  let n = 0;
  const once = async (schema: GraphQLSchema) => {
    const variableValues = op.variables(n++, {
      cardCustomerIds: ids,
      busiestEngineerId: manifest.samples.busiestEngineerId,
      successorEngineerId: manifest.samples.successorEngineerId,
      effectiveAt: new Date().toISOString(),
    });
    const contextValue = createContext({ store, requestId: 'bench', logger, principal: LOCAL_DEV, policy: DEFAULT_POLICY });
    const result = await execute({ schema, document, variableValues, contextValue });
    if (result.errors?.length) throw new Error(JSON.stringify(result.errors[0]));
    return result;
  };
  // Fill the replay store and warm both up; the answers must be the same.
  for (let i = 0; i < ids.length; i++) {
    const before = JSON.stringify((await once(schemas.before)).data);
    n--;
    const after = JSON.stringify((await once(schemas.after)).data);
    if (before !== after) throw new Error(`the answers differ for ${ids[i]}`);
  }
  for (let i = 0; i < 3 * block; i++) for (const s of Object.values(schemas)) await once(s);
  const us: Record<string, number[]> = { before: [], after: [] };
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 ? (['after', 'before'] as const) : (['before', 'after'] as const);
    for (const v of order) {
      // CPU time, not wall time: other processes' load stretches the latter far more.
      const t = process.cpuUsage();
      for (let i = 0; i < block; i++) await once(schemas[v]);
      const d = process.cpuUsage(t);
      us[v].push((d.user + d.system) / block);
    }
  }
  const fmt = (xs: number[]) => `${median(xs).toFixed(0)} µs (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;
  const ratios = us.before.map((b, i) => us.after[i] / b);
  process.stdout.write(
    `execute ${op.key}, ${rounds} rounds of ${block}: before ${fmt(us.before)}, after ${fmt(us.after)}; after ÷ before per round: median ${median(ratios).toFixed(3)} (${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)})\n`,
  );
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    (err) => {
      process.stderr.write(`${(err as Error).stack ?? err}\n`);
      process.exit(1);
    },
  );
}
