import type { Logger } from '../logger';
import type { Store } from './store';
import { StoreError } from './store-errors';

/** Every node label Rapport stores; each gets a unique `id`. */
export const LABELS = [
  'Region',
  'Customer',
  'Contact',
  'Engineer',
  'Partner',
  'Device',
  'Case',
  'Interaction',
  'Commitment',
  'Handoff',
  'HandoffItem',
  'Absence',
  'Change',
  // one per bulk-import batch: its records' change entries (change.repo.ts)
  'ChangeBatch',
  'ApiKey',
  'AccessLog',
  'Operation',
  // events (issue 16): the outbox, webhook registrations and their deliveries
  'Event',
  'Webhook',
  'WebhookDelivery',
  // the maintained attention list (issue 15): one state per customer, keyed by the customer's id
  'AttentionState',
] as const;

/** Property indexes the queries filter or sort on (besides `id`). */
const PROPERTY_INDEXES: [label: string, property: string][] = [
  ['Customer', 'name'],
  ['Customer', 'tier'],
  ['Engineer', 'name'],
  ['Contact', 'name'],
  ['Case', 'status'],
  ['Commitment', 'status'],
  ['HandoffItem', 'status'],
  ['Change', 'entityId'],
  ['Device', 'model'],
  ['Device', 'productLine'],
  ['Operation', 'status'],
  ['AccessLog', 'actor'],
  ['AccessLog', 'at'],
  ['Event', 'seq'],
  ['Event', 'dedupKey'],
  ['WebhookDelivery', 'status'],
  ['WebhookDelivery', 'webhookId'],
  ['AttentionState', 'next'],
  ['AttentionState', 'score'],
];

/**
 * The schema statements, idempotent on both engines. The uniqueness constraint guards the key; the
 * embedded engine also needs a plain index to look nodes up by id. Neo4j already has that index
 * behind the constraint (5.26 answers the second statement as a no-op with a notification), so it
 * is not sent there: 19 statements fewer at every start and every test file's set-up.
 */
export function schemaStatements(engine: Store['engine'] = 'embedded'): string[] {
  const out: string[] = [];
  for (const label of LABELS) {
    const base = label.toLowerCase();
    out.push(`CREATE CONSTRAINT ${base}_id_unique IF NOT EXISTS FOR (n:\`${label}\`) REQUIRE n.id IS UNIQUE`);
    if (engine === 'embedded') out.push(`CREATE INDEX ${base}_id IF NOT EXISTS FOR (n:\`${label}\`) ON (n.id)`);
  }
  for (const [label, prop] of PROPERTY_INDEXES) {
    out.push(`CREATE INDEX ${label.toLowerCase()}_${prop.toLowerCase()} IF NOT EXISTS FOR (n:\`${label}\`) ON (n.${prop})`);
  }
  return out;
}

export async function bootstrapSchema(store: Store, logger?: Logger): Promise<void> {
  let created = 0;
  for (const statement of schemaStatements(store.engine)) {
    try {
      await store.write(statement);
      created++;
    } catch (err) {
      if (err instanceof StoreError && err.kind === 'SCHEMA_EXISTS') continue;
      throw err;
    }
  }
  logger?.debug({ statements: created }, 'schema constraints and indexes ensured');
}
