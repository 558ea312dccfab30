/**
 * @jest-environment jsdom
 */
import type React from 'react';
import { act, render, renderHook, screen, within } from '@testing-library/react';
import { Client, Provider, makeResult, type Exchange, type Operation } from 'urql';
import { filter, map, pipe } from 'wonka';
import i18n from '../../web/src/i18n';
import { CustomerPage, useCardDetails } from '../../web/src/pages/customer/CustomerPage';
import type { WorkspaceCustomerCardQuery } from '../../web/src/gql/graphql';

type Card = NonNullable<WorkspaceCustomerCardQuery['customer']>;

// react-router ships as ES modules only, which this jest set-up does not load: the card gets its
// address (id and "as of" date) and its links from a stand-in.
const mockAddress = { id: 'cus_a', search: '' };
jest.mock('react-router', () => {
  const { createElement } = jest.requireActual<typeof React>('react');
  return {
    Link: ({ to, ...props }: { to: string }) => createElement('a', { href: to, ...props }),
    useParams: () => ({ id: mockAddress.id }),
    useSearchParams: () => [new URLSearchParams(mockAddress.search), () => undefined],
  };
});

const engineer = (
  id: string,
  name: string,
  nameLatin: string,
  status: Card['escalationPath'][number]['engineer']['status'] = 'ACTIVE',
) => ({
  id,
  name,
  nameLatin,
  status,
});

/** A card as the API answers it (a VIEWER's: the second step's phone and the contact's are masked). */
function card(id: string, name: string): Card {
  return {
    id,
    name,
    nameLatin: null,
    tier: 'VIP',
    segment: null,
    status: 'ACTIVE',
    region: { id: 'reg_xj', name: 'Xinjiang' },
    coverage: [
      {
        id: `cov_${id}_1`,
        role: 'PRIMARY',
        from: '2025-01-01T00:00:00Z',
        to: null,
        current: true,
        engineer: { ...engineer('eng_chen-gang', '陈刚', 'Chen Gang'), kind: 'EMPLOYEE', phone: '+86 138 2905 1185' },
      },
    ],
    escalationPath: [
      {
        order: 1,
        role: 'PRIMARY',
        phone: '+86 138 2905 1185',
        email: null,
        skippedBecause: null,
        engineer: engineer('eng_chen-gang', '陈刚', 'Chen Gang'),
      },
      {
        order: 2,
        role: 'BACKUP',
        phone: '+86 139 **** 0000',
        email: null,
        skippedBecause: null,
        engineer: engineer('eng_li-na', '李娜', 'Li Na'),
      },
    ],
    contacts: [
      {
        id: `con_${id}`,
        name: '王经理',
        nameLatin: null,
        title: 'CTO',
        role: 'EXECUTIVE',
        phone: '+86 135 **** 1234',
        email: null,
        reportsTo: null,
      },
    ],
    devices: [
      {
        id: `dev_${id}`,
        serial: '210230573452',
        model: 'OptiX PTN 960',
        productLine: null,
        maintenanceUntil: '2027-03-01T00:00:00Z',
        maintenanceStatus: 'ACTIVE',
      },
    ],
    openCases: [
      {
        id: `cas_${id}`,
        number: 'C4',
        title: 'Board fault',
        severity: 'MAJOR',
        status: 'OPEN',
        openedAt: '2026-11-30T00:00:00Z',
        owner: engineer('eng_chen-gang', '陈刚', 'Chen Gang'),
        sla: {
          responseDueAt: '2026-11-30T04:00:00Z',
          resolveDueAt: '2026-12-02T00:00:00Z',
          responseBreached: false,
          resolveBreached: false,
          remaining: 5,
          silentForHours: null,
          silenceLimitHours: 24,
          silenceBreached: false,
        },
      },
    ],
    commitments: [{ id: `com_${id}`, text: 'Send the spare board', dueAt: '2026-12-05T00:00:00Z', overdue: false, engineer: null }],
    lastHandoff: null,
    lastInteraction: null,
    flags: [],
    coverageHistory: {
      edges: [
        {
          node: {
            id: 'h1',
            role: 'PRIMARY',
            from: '2023-01-01T00:00:00Z',
            to: '2025-01-01T00:00:00Z',
            engineer: engineer('eng_wang-lei', '王磊', 'Wang Lei'),
          },
        },
        {
          node: {
            id: 'h2',
            role: 'PRIMARY',
            from: '2025-01-01T00:00:00Z',
            to: null,
            engineer: engineer('eng_chen-gang', '陈刚', 'Chen Gang'),
          },
        },
      ],
    },
  } as Card;
}

/** A GraphQL client whose every query is answered at once with `answer` (no network). */
function clientAnswering(answer: (op: Operation) => Record<string, unknown>): Client {
  const answering: Exchange = () => (ops$) =>
    pipe(
      ops$,
      filter((op) => op.kind === 'query'),
      map((op) => makeResult(op, { data: answer(op) })),
    );
  return new Client({ url: '/graphql', exchanges: [answering] });
}

function openCard(path: string, customer: Card) {
  const url = new URL(path, 'http://rapport.test');
  mockAddress.id = decodeURIComponent(url.pathname.split('/')[2]);
  mockAddress.search = url.search;
  const client = clientAnswering(() => ({ customer }));
  return render(
    <Provider value={client}>
      <CustomerPage />
    </Provider>,
  );
}

describe('the customer card renders its top first', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
  });

  it("leaves the panels below for a render of their own, and never shows one customer's panels under another's name", () => {
    const a = card('cus_a', 'A');
    const b1 = card('cus_b', 'B');
    const b2 = card('cus_b', 'B'); // B again, answered for another "as of" date
    const seen: Array<[string | undefined, Card | null]> = [];
    const { rerender } = renderHook(
      ({ customer }: { customer: Card | undefined }) => {
        const details = useCardDetails(customer, 1);
        seen.push([customer?.id, details?.c ?? null]);
        return details;
      },
      { initialProps: { customer: a as Card | undefined } },
    );
    // Opened with its answer at hand: the first render has no details, the next one has them.
    expect(seen[0]).toEqual(['cus_a', null]);
    expect(seen.at(-1)).toEqual(['cus_a', a]);

    seen.length = 0;
    rerender({ customer: b1 });
    expect(seen[0]).toEqual(['cus_b', null]);
    expect(seen.filter(([id, c]) => c && c.id !== id)).toEqual([]);
    expect(seen.at(-1)).toEqual(['cus_b', b1]);

    seen.length = 0;
    rerender({ customer: b2 });
    // Same customer: its previous answer stays until the new one is rendered.
    expect(seen[0][1]).toBe(b1);
    expect(seen.at(-1)![1]).toBe(b2);

    seen.length = 0;
    rerender({ customer: undefined });
    expect(seen.at(-1)).toEqual([undefined, null]);
  });

  it('still renders every panel, with tap-to-call only for unmasked phones', async () => {
    openCard('/customers/cus_a', card('cus_a', '中国移动乌鲁木齐分公司'));
    expect((await screen.findAllByTestId('coverage-row')).map((r) => r.textContent)).toEqual([expect.stringMatching(/Primary.*Chen Gang/)]);
    await screen.findByTestId('coverage-timeline');
    for (const heading of [
      'Who covers',
      'Escalation path (call in this order)',
      'Flags',
      'Open cases',
      'Open commitments',
      'Last handoff: open items',
      'Last customer contact',
      'Contacts',
      'Devices',
      'Coverage timeline',
      'Relationship picture',
    ])
      expect(screen.getByRole('heading', { name: heading })).toBeTruthy();
    const steps = within(screen.getByTestId('escalation')).getAllByRole('listitem');
    expect(steps[0].querySelector('a[href^="tel:"]')?.getAttribute('href')).toBe('tel:+8613829051185');
    expect(steps[1].querySelector('a[href^="tel:"]')).toBeNull();
    expect(screen.getByTestId('contact-phone').querySelector('a')).toBeNull();
    expect(screen.getByText('Send the spare board')).toBeTruthy();
    expect(screen.getByText('210230573452')).toBeTruthy();
    expect(screen.getByTestId('show-graph')).toBeTruthy();
  });

  it('keeps the "as of" date and the language', async () => {
    openCard('/customers/cus_a?at=2024-06-01', card('cus_a', 'A'));
    await screen.findByTestId('coverage-timeline');
    expect((screen.getByTestId('as-of') as HTMLInputElement).value).toBe('2024-06-01');
    expect(screen.getByText(/Coverage shown as of/)).toBeTruthy();
    expect(screen.getByTestId('timeline-marker')).toBeTruthy();
    await act(() => i18n.changeLanguage('zh'));
    expect(screen.getByRole('heading', { name: '当前负责' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: '负责历史' })).toBeTruthy();
  });
});
