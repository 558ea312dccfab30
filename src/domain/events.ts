/**
 * The events Rapport tells other applications about (issue 16). Pure definitions: the outbox
 * (src/events/outbox.ts) stores them, the webhook worker and subscriptions deliver them.
 */
export enum EventType {
  CoverageChanged = 'CoverageChanged',
  HandoffStarted = 'HandoffStarted',
  HandoffCompleted = 'HandoffCompleted',
  CaseOwnerChanged = 'CaseOwnerChanged',
  HandoffItemOverdue = 'HandoffItemOverdue',
  CaseSlaAtRisk = 'CaseSlaAtRisk',
  CaseSlaBreached = 'CaseSlaBreached',
  CommitmentDue = 'CommitmentDue',
  CustomerIntroduction = 'CustomerIntroduction',
  /** A customer's attention rules raised a flag it did not have (issue 16, from the maintained attention state). */
  FlagRaised = 'FlagRaised',
  /** A flag the customer had no longer applies. */
  FlagCleared = 'FlagCleared',
}

export const EVENT_TYPES = Object.values(EventType);

/** The payload format of every event type; bumped when a payload changes incompatibly. */
export const EVENT_VERSION = 1;

/** An event about to be written. `customerId` orders deliveries; `subjectIds` are the ids involved. */
export interface NewEvent {
  type: EventType;
  /** When it happened (ISO-8601). */
  at: string;
  customerId: string | null;
  subjectIds: string[];
  payload: Record<string, unknown>;
  /** Time-driven events: raised once per key (type, subject and deadline). */
  dedupKey?: string;
}

/** An event as stored and delivered. */
export interface StoredEvent {
  id: string;
  type: EventType;
  at: string;
  version: number;
  sequence: number;
  customerId: string | null;
  regionId: string | null;
  subjectIds: string[];
  payload: Record<string, unknown>;
}

/** The ordering lane of an event: one per customer; events about no single customer share one. */
export const orderingKey = (e: { customerId: string | null }): string => e.customerId ?? '*';
