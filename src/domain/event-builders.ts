import { EventType, type NewEvent } from './events';

/** The CoverageChanged event: `from` → `to` engineer in `role`, effective at `effectiveAt`, recorded at `extra.at`. */
export function coverageChanged(
  customerId: string,
  role: string,
  fromEngineerId: string | null,
  toEngineerId: string | null,
  effectiveAt: string,
  extra: { at: string; coverageId?: string; until?: string | null; handoffId?: string; endedCoverageIds?: string[] },
): NewEvent {
  const iso = (t: string) => new Date(t).toISOString();
  const ids = [customerId, fromEngineerId, toEngineerId, extra.handoffId].filter((x): x is string => Boolean(x));
  return {
    type: EventType.CoverageChanged,
    at: extra.at,
    customerId,
    subjectIds: ids,
    payload: {
      customerId,
      role,
      fromEngineerId,
      toEngineerId,
      effectiveAt: iso(effectiveAt),
      until: extra.until ? iso(extra.until) : null,
      coverageId: extra.coverageId ?? null,
      handoffId: extra.handoffId ?? null,
      endedCoverageIds: extra.endedCoverageIds ?? [],
    },
  };
}
