import {
  CompleteHandoffDocument,
  ConfirmIntroductionDeliveredDocument,
  CustomerFlagsDocument,
  RegisterWebhookDocument,
  SetReportsToDocument,
  StartHandoffDocument,
} from './generated/graphql';
import { Role, type Principal } from '../src/auth/roles';
import { testEngines } from './support/engines';
import { HANDOFF_NOW, ROTATION_A_TO_C, handoffFixture } from './support/handoff-fixture';
import { Harness } from './support/harness';
import { FAST_WEBHOOKS, WebhookReceiver } from './support/webhook-receiver';

const at = { now: HANDOFF_NOW, actor: 'manager.li' };
const rotation = ROTATION_A_TO_C;
const FAST = FAST_WEBHOOKS;

describe.each(testEngines())('the customer introduction (case C4) on $name', (engine) => {
  let h: Harness;
  let rx: WebhookReceiver;
  beforeEach(async () => {
    h = await Harness.start(engine, { webhooks: FAST });
    await handoffFixture().write(h.store);
    rx = await WebhookReceiver.start();
  });
  afterEach(async () => {
    await h.stop();
    await rx.close();
  });

  it('a rotation hands the customer over; the on-duty engineer and supervisor are told who replaces him; confirming closes the items', async () => {
    // The small customer's on-duty engineer reports to their supervisor.
    await h.data(SetReportsToDocument, { contactId: 'con_s-duty', managerId: 'con_s-sup' }, at);
    // The messaging gateway may have phones; an analytics feed may not.
    const gateway = (
      await h.data(
        RegisterWebhookDocument,
        { input: { url: `${rx.url}?gateway`, eventTypes: ['CustomerIntroduction'], includePersonalData: true } },
        at,
      )
    ).registerWebhook;
    await h.data(RegisterWebhookDocument, { input: { url: `${rx.url}?analytics`, eventTypes: ['CustomerIntroduction'] } }, at);

    const handoff = (await h.data(StartHandoffDocument, { input: rotation }, at)).startHandoff;
    await h.data(CompleteHandoffDocument, { id: handoff.id, force: true, reason: 'engineer moved at short notice' }, at);
    await rx.waitFor(() => rx.delivered().length === 6, 'three introductions to two webhooks');

    const forGateway = rx.delivered().filter((r) => r.headers['user-agent'] && r.json && r.body && r.json.customerId === 'cus_small');
    const clear = forGateway.find(
      (r) => r.json.data.engineer && (r.json.data.engineer as { phone: string }).phone === '+86 138 0000 0003',
    )!;
    const masked = forGateway.find((r) => r !== clear)!;
    const intro = clear.json.data as {
      role: string;
      engineer: { id: string; name: string; phone: string };
      contacts: { id: string; reason: string; phone: string }[];
      escalation: { order: number; id: string }[];
      text: { en: string; zh: string };
    };
    expect(clear.json.type).toBe('CustomerIntroduction');
    expect(intro.role).toBe('PRIMARY');
    expect(intro.engineer).toMatchObject({ id: 'eng_c', name: 'C Chen' });
    expect(intro.contacts.map((c) => [c.id, c.reason])).toEqual([
      ['con_s-duty', 'ON_DUTY'],
      ['con_s-sup', 'SUPERVISOR_OF:con_s-duty'],
    ]);
    expect(intro.escalation.map((s) => s.id)).toEqual(['eng_c']);
    expect(intro.text.en).toContain('From 2026-06-15, C Chen is your primary engineer for China Unicom Midong.');
    expect(intro.text.en).toContain('Phone: +86 138 0000 0003');
    expect(intro.text.zh).toContain('C Chen担任China Unicom Midong的主责工程师');
    expect(intro.text.zh).toContain('电话：+86 138 0000 0003');
    // Without the right, the phone is masked everywhere, rendered texts included.
    const m = masked.json.data as typeof intro;
    expect(m.engineer.phone).not.toContain('0000 0003');
    expect(m.text.en).not.toContain('+86 138 0000 0003');
    expect(m.contacts[0].phone).not.toBe('+86 139 0000 0301');
    // Every delivery with phones in clear is in the access log.
    const logged = async () =>
      (
        await h.store.read('MATCH (a:AccessLog {actor: $actor}) UNWIND a.entityIds AS id RETURN DISTINCT id ORDER BY id', {
          actor: `webhook:${gateway.webhook.id}`,
        })
      ).map((r) => r.id as string);
    for (let i = 0; i < 100 && !(await logged()).includes('con_s-sup'); i++) await new Promise((r) => setTimeout(r, 25));
    expect(await logged()).toEqual(expect.arrayContaining(['con_s-duty', 'con_s-sup', 'eng_c']));

    // The attention list flags the open introductions until the gateway confirms delivery.
    const introItems = handoff.items.filter((i) => i.kind === 'INTRODUCE_CONTACT' && i.customer?.id === 'cus_small');
    expect(introItems.map((i) => i.refersTo?.id).sort()).toEqual(['con_s-duty', 'con_s-sup']);
    const openItems = async () => {
      const flags = (await h.data(CustomerFlagsDocument, { id: 'cus_small' }, at)).customer!.flags;
      return (flags.find((f) => f.code === 'HANDOFF_ITEMS_OPEN')?.evidence.handoffItemIds ?? []) as string[];
    };
    expect(await openItems()).toEqual(expect.arrayContaining(introItems.map((i) => i.id)));

    const wrong = await h.run(
      ConfirmIntroductionDeliveredDocument,
      { id: clear.json.id, contactIds: ['con_b1-sup'], channel: 'MESSAGE' },
      at,
    );
    expect(wrong.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const missing = await h.run(
      ConfirmIntroductionDeliveredDocument,
      { id: 'evt_nope', contactIds: ['con_s-duty'], channel: 'MESSAGE' },
      at,
    );
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    // The gateway's key is a service manager's: refused for another region's customer and for a VIEWER.
    const gatewayKey = (regions: string[], roles = [Role.SERVICE_MANAGER]): Principal => ({
      actor: 'key:sms-gateway',
      kind: 'api-key',
      roles,
      regions,
    });
    const confirm = { id: clear.json.id, contactIds: ['con_s-duty', 'con_s-sup'], channel: 'MESSAGE' as const };
    const foreign = await h.run(ConfirmIntroductionDeliveredDocument, confirm, { ...at, principal: gatewayKey(['reg_wuhan']) });
    expect(foreign.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const viewer = await h.run(ConfirmIntroductionDeliveredDocument, confirm, { ...at, principal: gatewayKey(['reg_xj'], [Role.VIEWER]) });
    expect(viewer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await openItems()).toEqual(expect.arrayContaining(introItems.map((i) => i.id)));

    const done = (await h.data(ConfirmIntroductionDeliveredDocument, confirm, { ...at, principal: gatewayKey(['reg_xj']) }))
      .confirmIntroductionDelivered;
    expect(done.completedItemIds.sort()).toEqual(introItems.map((i) => i.id).sort());
    const interaction = await h.store.read(
      'MATCH (i:Interaction {id: $id})-[:`WITH`]->(p:Contact) RETURN i.channel AS channel, p.id AS contact ORDER BY p.id',
      { id: done.interactionId },
    );
    expect(interaction.map((r) => [r.channel, r.contact])).toEqual([
      ['MESSAGE', 'con_s-duty'],
      ['MESSAGE', 'con_s-sup'],
    ]);
    const still = await openItems();
    for (const i of introItems) expect(still).not.toContain(i.id);
  });
});
