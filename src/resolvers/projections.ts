import {
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { ListProjection } from '../graph/list-projection';
import {
  COVERAGE_FIELDS,
  COVERAGE_WITH_ABSENCES,
  ENGINEER_FIELDS,
  readsEveryProperty,
  type CoverageFields,
} from '../graph/repositories/coverage.repo';
import { CONTACT_FIELDS } from '../graph/repositories/customer.repo';

/**
 * Reading only the properties a query selects (issue 15): a customer list asking for its contacts'
 * `id name role` reads 3 of a contact's 8 properties, and the engine's statement is about half as
 * long. Only where a table below says exactly what each selected field reads; any other field (or a
 * field added later and not listed) reads every property, as before. A partial record never enters
 * a loader that other fields share (see CoverageRecord.engineer).
 */

type Fragments = Record<string, FragmentDefinitionNode>;

/** The fields of these selection sets, through inline fragments and fragment spreads. */
export function fieldsOf(sets: readonly (SelectionSetNode | undefined)[], fragments: Fragments): FieldNode[] {
  const out: FieldNode[] = [];
  const spread = new Set<string>();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) out.push(s);
      else if (s.kind === Kind.INLINE_FRAGMENT) visit(s.selectionSet);
      else if (!spread.has(s.name.value)) {
        spread.add(s.name.value);
        visit(fragments[s.name.value]?.selectionSet);
      }
    }
  };
  for (const set of sets) visit(set);
  return out;
}

/** Per operation: each field node, and the fields of the selection it is executed in. */
const besideIndex = new WeakMap<OperationDefinitionNode, Map<FieldNode, FieldNode[]>>();

function indexOf(info: GraphQLResolveInfo): Map<FieldNode, FieldNode[]> {
  let index = besideIndex.get(info.operation);
  if (index) return index;
  const built = new Map<FieldNode, FieldNode[]>();
  const walk = (sets: readonly (SelectionSetNode | undefined)[]) => {
    const fields = fieldsOf(sets, info.fragments);
    for (const f of fields) {
      const known = built.get(f);
      // A field of a fragment spread in several places: the fields beside any of them.
      if (!known) built.set(f, fields);
      else if (known !== fields) built.set(f, [...new Set([...known, ...fields])]);
    }
    // Fields with one response name are executed as one, their selections merged.
    const groups = new Map<string, FieldNode[]>();
    for (const f of fields) {
      if (!f.selectionSet) continue;
      const name = f.alias?.value ?? f.name.value;
      const group = groups.get(name);
      if (group) group.push(f);
      else groups.set(name, [f]);
    }
    for (const group of groups.values()) walk(group.map((f) => f.selectionSet));
  };
  walk([info.operation.selectionSet]);
  besideIndex.set(info.operation, (index = built));
  return index;
}

/** The fields executed beside `node` (itself included), on the same object. */
export function fieldsBeside(info: GraphQLResolveInfo, node: FieldNode = info.fieldNodes[0]): FieldNode[] {
  return indexOf(info).get(node) ?? info.fieldNodes.slice();
}

/** For each field of a type: the stored properties it reads (`id` is always read). */
type Reads = ReadonlyMap<string, readonly string[]>;

const own = (props: readonly string[], idOnly: readonly string[] = []): Reads =>
  new Map<string, readonly string[]>([['__typename', []], ...props.map((p) => [p, [p]] as const), ...idOnly.map((f) => [f, []] as const)]);

/** Contact: its properties; the relation fields (src/resolvers/people.resolver.ts) read its id. */
const CONTACT_READS = own(CONTACT_FIELDS.keys, ['customer', 'employments', 'reportsTo', 'directReports', 'reportingLine']);
/** Engineer: its properties; the relation fields of src/resolvers/people.resolver.ts read his id. */
const ENGINEER_READS = own(ENGINEER_FIELDS.keys, ['partner', 'region', 'portfolio', 'ownedCases', 'handoffs']);
/** Coverage: its properties; `current` reads from and to; `customer` the row's key; `engineer` below. */
const COVERAGE_READS: Reads = new Map([...own(COVERAGE_FIELDS.keys, ['customer']), ['current', ['from', 'to']]]);

/** The properties these fields read, or null when one of them is not in `reads`. */
function reads(fields: readonly FieldNode[], table: Reads): string[] | null {
  const out: string[] = [];
  for (const f of fields) {
    const props = table.get(f.name.value);
    if (!props) return null;
    out.push(...props);
  }
  return out;
}

const childrenOf = (nodes: readonly FieldNode[], fragments: Fragments) =>
  fieldsOf(
    nodes.map((n) => n.selectionSet),
    fragments,
  );

/**
 * The contacts' properties the `contacts` fields among `beside` select (always `name`, the order's
 * key), or null for all of them.
 */
export function contactFields(beside: readonly FieldNode[], fragments: Fragments): ListProjection | null {
  const nodes = beside.filter((f) => f.name.value === 'contacts');
  const props = nodes.length ? reads(childrenOf(nodes, fragments), CONTACT_READS) : null;
  if (!props) return null;
  const projection = CONTACT_FIELDS.pick([...props, 'name']);
  return projection === CONTACT_FIELDS ? null : projection;
}

/**
 * The coverage's and engineer's properties the `coverage` fields (`nodes`) select, or null for all
 * of them. COVERAGE_WITH_ABSENCES when `escalationPath` is beside them: it reads the same coverage
 * with every property and the engineers' absences, and one statement then answers both.
 */
export function coverageFields(nodes: readonly FieldNode[], beside: readonly FieldNode[], fragments: Fragments): CoverageFields | null {
  if (!nodes.length) return null;
  if (beside.some((f) => f.name.value === 'escalationPath')) return COVERAGE_WITH_ABSENCES;
  const children = childrenOf(nodes, fragments);
  const engineers = children.filter((f) => f.name.value === 'engineer');
  const r = reads(
    children.filter((f) => f.name.value !== 'engineer'),
    COVERAGE_READS,
  );
  if (!r) return null;
  const e = reads(childrenOf(engineers, fragments), ENGINEER_READS);
  const fields = { r: COVERAGE_FIELDS.pick(r), e: e ? ENGINEER_FIELDS.pick(e) : ENGINEER_FIELDS };
  return readsEveryProperty(fields) ? null : fields;
}

const contactCache = new WeakMap<readonly FieldNode[], ListProjection | null>();
const coverageCache = new WeakMap<readonly FieldNode[], CoverageFields | null>();

/** contactFields for the field being resolved (`Customer.contacts`), once per selection. */
export function contactFieldsOf(info: GraphQLResolveInfo, node: FieldNode = info.fieldNodes[0]): ListProjection | null {
  const beside = fieldsBeside(info, node);
  let out = contactCache.get(beside);
  if (out === undefined) contactCache.set(beside, (out = contactFields(beside, info.fragments)));
  return out;
}

/** coverageFields for a `Customer.coverage` field (the one resolved, or `node`), once per selection. */
export function coverageFieldsOf(info: GraphQLResolveInfo, node: FieldNode = info.fieldNodes[0]): CoverageFields | null {
  const beside = fieldsBeside(info, node);
  let out = coverageCache.get(beside);
  if (out === undefined) {
    const nodes = beside.filter((f) => f.name.value === 'coverage');
    coverageCache.set(beside, (out = coverageFields(nodes, beside, info.fragments)));
  }
  return out;
}
