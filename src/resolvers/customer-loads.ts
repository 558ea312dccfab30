import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context';
import type { ListProjection } from '../graph/list-projection';
import { COVERAGE_WITH_ABSENCES, type CoverageFields } from '../graph/repositories/coverage.repo';
import { OPEN_CASE_STATUSES } from '../schema/enums';
import { contactFieldsOf, coverageFieldsOf, fieldsOf } from './projections';

/** What the coverage, contacts and openCases fields load (and the prefetch below starts); `fields`: see projections.ts. */
export const coverageAt = (ctx: Context, at: string | null, role: string | null, fields: CoverageFields | null) =>
  ctx.loaders.coverageOfCustomer.get({ at: at ?? ctx.loaders.now, role: role ?? null, fields });
export const contactsOf = (ctx: Context, includeFormer: boolean | null, fields: ListProjection | null) =>
  ctx.loaders.contactsOfCustomer.get({ includeFormer: includeFormer ?? false, fields });
export const openCasesOf = (ctx: Context) => ctx.loaders.casesOfCustomer.get({ statuses: [...OPEN_CASE_STATUSES].sort() });

/**
 * Starts the loads of the customer's relation fields asked without arguments beside the customer's
 * own load (`info`: the customer field's): the card's coverage, contacts, open cases and last
 * handoff then come in the customer's wave instead of the next one (issue 15). The field resolvers
 * read the same loads (same loaders, same keys, the same selected properties), so each is still one
 * statement; a failed load fails there, where it is read.
 */
export function prefetchCustomerFields(ctx: Context, id: string, info: GraphQLResolveInfo): void {
  const loads: Promise<unknown>[] = [];
  const plain = fieldsOf(
    info.fieldNodes.map((f) => f.selectionSet),
    info.fragments,
  ).filter((f) => !f.arguments?.length);
  const first = (name: string) => plain.find((f) => f.name.value === name);
  const coverage = first('coverage');
  if (coverage) loads.push(coverageAt(ctx, null, null, coverageFieldsOf(info, coverage)).load(id));
  // escalationPath reads every property and the engineers' absences (and a coverage field beside it then does too).
  if (first('escalationPath') && !coverage) loads.push(coverageAt(ctx, null, null, COVERAGE_WITH_ABSENCES).load(id));
  const contacts = first('contacts');
  if (contacts) loads.push(contactsOf(ctx, null, contactFieldsOf(info, contacts)).load(id));
  if (first('openCases')) loads.push(openCasesOf(ctx).load(id));
  if (first('lastHandoff')) loads.push(ctx.loaders.lastHandoffOfCustomer.load(id));
  for (const load of loads) load.catch(() => undefined);
}
