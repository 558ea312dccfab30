import { badInput } from '../errors';
import { labelOfId, type NodeLabel } from '../domain/ids';

/** Checks that an id argument is well formed and names the expected kind; errors name the argument. */
export function requireId(id: string, arg: string, label?: NodeLabel): string {
  const found = labelOfId(id);
  if (!found) throw badInput([{ field: arg, reason: `"${id}" is not a Rapport id (expected e.g. cus_…, eng_…)` }]);
  if (label && found !== label) throw badInput([{ field: arg, reason: `"${id}" is a ${found} id, expected a ${label} id` }]);
  return id;
}

export const optionalId = (id: string | null | undefined, arg: string, label?: NodeLabel): string | null =>
  id == null ? null : requireId(id, arg, label);
