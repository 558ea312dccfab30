import type { Context } from '../context';
import { OPEN_CASE_STATUSES } from '../schema/enums';

/** What the coverage, contacts and openCases fields load (and the prefetch below starts). */
export const coverageAt = (ctx: Context, at: string | null, role: string | null) =>
  ctx.loaders.coverageOfCustomer.get({ at: at ?? ctx.loaders.now, role: role ?? null });
export const contactsOf = (ctx: Context, includeFormer: boolean | null) =>
  ctx.loaders.contactsOfCustomer.get({ includeFormer: includeFormer ?? false });
export const openCasesOf = (ctx: Context) => ctx.loaders.casesOfCustomer.get({ statuses: [...OPEN_CASE_STATUSES].sort() });

/**
 * Starts the loads of the customer's relation fields asked without arguments (`fields`, from
 * plainChildFields) beside the customer's own load: the card's coverage, contacts, open cases and
 * last handoff then come in the customer's wave instead of the next one (issue 15). The field
 * resolvers read the same loads (same loaders, same keys), so each is still one statement; a failed
 * load fails there, where it is read.
 */
export function prefetchCustomerFields(ctx: Context, id: string, fields: Set<string>): void {
  const loads: Promise<unknown>[] = [];
  if (fields.has('coverage') || fields.has('escalationPath')) loads.push(coverageAt(ctx, null, null).load(id));
  if (fields.has('contacts')) loads.push(contactsOf(ctx, null).load(id));
  if (fields.has('openCases')) loads.push(openCasesOf(ctx).load(id));
  if (fields.has('lastHandoff')) loads.push(ctx.loaders.lastHandoffOfCustomer.load(id));
  for (const load of loads) load.catch(() => undefined);
}
