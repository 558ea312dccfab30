import { EventType } from '../domain/events';
import { badInput, notFound } from '../errors';
import { completeItem } from '../graph/handoffs';
import { logInteraction } from '../graph/repositories/activity-write.repo';
import type { WriteMeta } from '../graph/repositories/write.repo';
import type { Store } from '../graph/store';

export const INTRODUCTION_EVENT = `
MATCH (e:Event {id: $id})
RETURN e.type AS type, e.payload AS payload`;

/** OPEN INTRODUCE_CONTACT items of live handoffs about these contacts of the customer. */
export const OPEN_INTRODUCE_ITEMS = `
UNWIND $contactIds AS cid
MATCH (t:Contact {id: cid})<-[:REFERS_TO]-(i:HandoffItem)
WHERE i.status = 'OPEN' AND i.kind = 'INTRODUCE_CONTACT'
MATCH (i)-[:FOR]->(c:Customer)
WHERE c.id = $customerId
MATCH (i)<-[:INCLUDES]-(h:Handoff)
WHERE h.status <> 'CANCELLED'
RETURN i.id AS id ORDER BY i.seq`;

interface IntroductionPayload {
  customerId: string;
  role: string;
  engineer: { id: string; name: string };
  contacts: { id: string }[];
}

/**
 * The messaging system confirms that an introduction reached these contacts: Rapport records the
 * Interaction (by the newly covering engineer, with those contacts) and completes the matching open
 * INTRODUCE_CONTACT items, so the attention list stops flagging them.
 */
export async function confirmIntroductionDelivered(
  store: Store,
  cmd: { id: string; contactIds: string[]; channel: string },
  meta: WriteMeta,
  /** Refuses the introduction's customer when the caller may not write for it (region scope). */
  mayWriteFor: (customerId: string) => Promise<void> = async () => undefined,
): Promise<{ interactionId: string; completedItemIds: string[] }> {
  const [row] = await store.read(INTRODUCTION_EVENT, { id: cmd.id });
  if (!row || row.type !== EventType.CustomerIntroduction) throw notFound('CustomerIntroduction', cmd.id);
  const intro = JSON.parse(row.payload as string) as IntroductionPayload;
  await mayWriteFor(intro.customerId);
  const contactIds = [...new Set(cmd.contactIds)];
  const known = new Set(intro.contacts.map((c) => c.id));
  const strangers = contactIds.filter((c) => !known.has(c));
  if (!contactIds.length) throw badInput([{ field: 'contactIds', reason: 'name at least one contact who received the introduction' }]);
  if (strangers.length)
    throw badInput([
      {
        field: 'contactIds',
        reason: `${strangers.join(', ')} ${strangers.length > 1 ? 'are' : 'is'} not among the introduction's contacts`,
      },
    ]);
  const interaction = await logInteraction(
    store,
    {
      engineerId: intro.engineer.id,
      customerId: intro.customerId,
      contactIds,
      channel: cmd.channel,
      at: meta.now,
      summary: `Introduction of ${intro.engineer.name} as ${intro.role} delivered (${cmd.id})`,
    },
    meta,
  );
  const items = (await store.read(OPEN_INTRODUCE_ITEMS, { contactIds, customerId: intro.customerId })).map((r) => r.id as string);
  for (const id of items)
    await completeItem(store, id, `introduction ${cmd.id} delivered by ${cmd.channel}`, { actor: meta.actor, now: new Date(meta.now) });
  return { interactionId: interaction.id as string, completedItemIds: items };
}
