import DataLoader from 'dataloader';
import { assess, type Assessment } from '../domain/attention-list';
import { lastCustomerContact } from '../domain/flags';
import type { SlaPolicy } from '../domain/sla-policy';
import type { Flag } from '../domain/flags';
import { FLAGS_OF_STATES, STATES_OF_IDS, toStateRows, type StateRow } from './attention-read';
import { statesComplete } from './attention-state';
import type { CustomerRecord } from './records';
import { loadSnapshots } from './repositories/attention.repo';
import type { Store } from './store';

/** With the id of the last contact with the customer, by the same rule NO_CONTACT_IN_DAYS reads. */
export type CustomerAssessment = Assessment<CustomerRecord> & { lastCustomerContactId: string | null };

export interface AttentionLoaders {
  /** Flags and score of a customer at the request's clock and policy (null for an unknown id). */
  assessment: DataLoader<string, CustomerAssessment | null>;
  /** The maintained state of a customer (issue 15), null when it has none. */
  state: DataLoader<string, StateRow | null>;
  /** The flags the maintained state holds for a customer. */
  /** A state's flags, or null when their text has ticked since (textUntil passed): assess instead. */
  stateFlags: DataLoader<string, Flag[] | null>;
  /** Whether every customer has a state (asked once per request). */
  statesComplete: () => Promise<boolean>;
}

/** What the loaders need from the request context; `loaders` identifies the request. */
export interface AttentionRequest {
  store: Store;
  now: Date;
  policy: SlaPolicy;
  loaders: object;
}

const perRequest = new WeakMap<object, AttentionLoaders>();

/**
 * Customers assessed per loadSnapshots call: its fixed statements for up to this many customers (a page
 * holds at most 200; the medium benchmark graph's 5,000 customers are one chunk). On the large graph
 * (50,000 customers) eight concurrent full assessments in one batch each took the server past 7 GB;
 * chunked, a full assessment holds one chunk's snapshots at a time.
 */
export const ASSESSMENT_CHUNK = 5000;

/**
 * The attention DataLoaders of one request, created on first use and kept as long as the request's
 * loaders are (so nothing is cached across requests). Every customer whose flags a request asks for
 * at one depth is assessed in one batch: loadSnapshots' fixed number of statements.
 */
export function attentionLoaders(req: AttentionRequest): AttentionLoaders {
  let l = perRequest.get(req.loaders);
  if (!l) {
    let complete: Promise<boolean> | undefined;
    l = {
      assessment: new DataLoader<string, CustomerAssessment | null>(async (ids) => {
        // Only a full assessment of more than ASSESSMENT_CHUNK candidates (the attention list's fallback on
        // a large graph) takes more than one chunk; chunk by chunk, one chunk's snapshots are held at a time.
        const out: (CustomerAssessment | null)[] = [];
        for (let i = 0; i < ids.length; i += ASSESSMENT_CHUNK) {
          const chunk = ids.slice(i, i + ASSESSMENT_CHUNK);
          const snapshots = await loadSnapshots(req.store, chunk, req.now, req.policy);
          for (const id of chunk) {
            const s = snapshots.get(id);
            out.push(
              s
                ? {
                    ...assess(s.customer, s.snapshot, req.policy, req.now),
                    lastCustomerContactId: lastCustomerContact(s.snapshot, req.now)?.id ?? null,
                  }
                : null,
            );
          }
        }
        return out;
      }),
      state: new DataLoader<string, StateRow | null>(async (ids) => {
        const rows = new Map(
          toStateRows(await req.store.read(STATES_OF_IDS, { ids: [...ids] }), req.now, req.policy).map((r) => [r.id, r]),
        );
        return ids.map((id) => rows.get(id) ?? null);
      }),
      stateFlags: new DataLoader<string, Flag[] | null>(async (ids) => {
        const rows = await req.store.read(FLAGS_OF_STATES, { ids: [...ids] });
        const t = req.now.getTime();
        // A state written before textUntil existed has no such time: its text is treated as ticked.
        const fresh = (r: (typeof rows)[number]) => r.textUntil != null && t < new Date(r.textUntil as string).getTime();
        const flags = new Map(rows.map((r) => [r.id as string, fresh(r) ? (JSON.parse((r.flags as string) ?? '[]') as Flag[]) : null]));
        return ids.map((id) => (flags.has(id) ? flags.get(id)! : []));
      }),
      statesComplete: () => (complete ??= statesComplete(req.store)),
    };
    perRequest.set(req.loaders, l);
  }
  return l;
}
