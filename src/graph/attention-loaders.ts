import DataLoader from 'dataloader';
import { assess, type Assessment } from '../domain/attention-list';
import { lastCustomerContact } from '../domain/flags';
import type { SlaPolicy } from '../domain/sla-policy';
import type { CustomerRecord } from './records';
import { loadSnapshots } from './repositories/attention.repo';
import type { Store } from './store';

/** With the id of the last contact with the customer, by the same rule NO_CONTACT_IN_DAYS reads. */
export type CustomerAssessment = Assessment<CustomerRecord> & { lastCustomerContactId: string | null };

export interface AttentionLoaders {
  /** Flags and score of a customer at the request's clock and policy (null for an unknown id). */
  assessment: DataLoader<string, CustomerAssessment | null>;
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
 * The attention DataLoaders of one request, created on first use and kept as long as the request's
 * loaders are (so nothing is cached across requests). Every customer whose flags a request asks for
 * at one depth is assessed in one batch: loadSnapshots' fixed number of statements.
 */
export function attentionLoaders(req: AttentionRequest): AttentionLoaders {
  let l = perRequest.get(req.loaders);
  if (!l) {
    l = {
      assessment: new DataLoader<string, CustomerAssessment | null>(async (ids) => {
        const snapshots = await loadSnapshots(req.store, ids, req.now, req.policy);
        return ids.map((id) => {
          const s = snapshots.get(id);
          return s
            ? {
                ...assess(s.customer, s.snapshot, req.policy, req.now),
                lastCustomerContactId: lastCustomerContact(s.snapshot, req.now)?.id ?? null,
              }
            : null;
        });
      }),
    };
    perRequest.set(req.loaders, l);
  }
  return l;
}
