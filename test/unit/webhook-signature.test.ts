import { backoffMs, signBody, verifySignature, webhookUrlProblem } from '../../src/domain/webhook-signature';
import { deliveryBody, personalDataFor } from '../../src/events/webhook-worker';
import { EventType } from '../../src/domain/events';

describe('webhook signatures', () => {
  const body = '{"id":"evt_1"}';
  it('verifies what was signed and refuses another body, secret or an old timestamp', () => {
    const sig = signBody('secret-0123456789', 1_800_000_000, body);
    expect(sig).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(verifySignature('secret-0123456789', sig, '1800000000', body, 1_800_000_100)).toBe(true);
    expect(verifySignature('secret-0123456789', sig, '1800000000', '{"id":"evt_2"}', 1_800_000_100)).toBe(false);
    expect(verifySignature('another-secret-000', sig, '1800000000', body, 1_800_000_100)).toBe(false);
    expect(verifySignature('secret-0123456789', sig, '1800000000', body, 1_800_000_000 + 301)).toBe(false); // a replay
    expect(verifySignature('secret-0123456789', sig, '1800000001', body, 1_800_000_001)).toBe(false); // timestamp swapped
  });
  it('backs off exponentially up to the cap', () => {
    expect([1, 2, 3, 4, 10].map((a) => backoffMs(a, 1000, 5000))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });
  it('accepts http(s) URLs only', () => {
    expect(webhookUrlProblem('https://hooks.example.com/rapport')).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1:8080/x')).toBeNull();
    expect(webhookUrlProblem('file:///etc/passwd')).toMatch(/http/);
    expect(webhookUrlProblem('javascript:alert(1)')).toMatch(/http/);
    expect(webhookUrlProblem('https://user:pw@example.com/')).toMatch(/password/);
    expect(webhookUrlProblem('not a url')).toBe('is not a URL');
  });
  it('masks phones unless the webhook may receive them, and lists what it sent in clear', () => {
    const payload = { contacts: [{ id: 'con_1', name: 'Wu', phone: '13800001234' }], successor: { id: 'eng_c', phone: '13900005678' } };
    expect(personalDataFor(payload, false)).toEqual({
      contacts: [{ id: 'con_1', name: 'Wu', phone: '138****1234' }],
      successor: { id: 'eng_c', phone: '139****5678' },
    });
    const reads: { entityId: string; field: string }[] = [];
    expect(personalDataFor(payload, true, reads)).toEqual(payload);
    expect(reads).toEqual([
      { entityId: 'con_1', field: 'phone' },
      { entityId: 'eng_c', field: 'phone' },
    ]);
    const event = {
      id: 'evt_1',
      type: EventType.CoverageChanged,
      at: 't',
      version: 1,
      sequence: 3,
      customerId: 'cus_1',
      regionId: null,
      subjectIds: [],
      payload,
    };
    expect(JSON.parse(deliveryBody(event, { includePersonalData: false })).data.successor.phone).toBe('139****5678');
  });
});
