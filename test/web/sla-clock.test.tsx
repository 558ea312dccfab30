/**
 * @jest-environment jsdom
 */
import { render, screen } from '@testing-library/react';
import i18n from '../../web/src/i18n';
import { SlaClock } from '../../web/src/components/SlaClock';
import { slaClock } from '../../web/src/lib/sla';
import { formatDuration } from '../../web/src/lib/format';

const H = 3600_000;
const sla = (remaining: number | null, breached = false) => ({ remaining, responseBreached: breached, resolveBreached: false });

describe('the SLA clock', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
  });

  it("counts down from the server's figure as time passes", () => {
    const fetchedAt = Date.UTC(2026, 10, 23, 8);
    expect(slaClock(sla(5), fetchedAt, fetchedAt)).toEqual({ state: 'ok', msLeft: 5 * H, breached: false });
    expect(slaClock(sla(5), fetchedAt, fetchedAt + 4 * H)).toMatchObject({ state: 'soon', msLeft: H });
    expect(slaClock(sla(5), fetchedAt, fetchedAt + 6 * H)).toMatchObject({ state: 'overdue', msLeft: -H });
    expect(slaClock(sla(null), fetchedAt, fetchedAt)).toEqual({ state: 'closed', msLeft: null, breached: false });
  });

  it("says how long is left, or how late it is, in the reader's language", () => {
    const now = 1_000_000;
    const { rerender } = render(<SlaClock sla={sla(2.5)} fetchedAt={now} now={now} />);
    expect(screen.getByRole('timer').textContent).toBe('2 h 30 min left');
    expect(screen.getByRole('timer').className).toContain('ok');
    rerender(<SlaClock sla={sla(-(3 * 24 + 4), true)} fetchedAt={now} now={now} />);
    expect(screen.getByRole('timer').textContent).toBe('overdue by 3 d 4 hSLA breached');
    expect(screen.getByRole('timer').className).toContain('overdue');
  });

  it('speaks Chinese when the reader does', async () => {
    await i18n.changeLanguage('zh');
    render(<SlaClock sla={sla(0.75)} fetchedAt={0} now={0} />);
    expect(screen.getByRole('timer').textContent).toBe('剩余 45分钟');
    expect(formatDuration(-(26 * H + 5 * 60_000), 'zh')).toBe('1天2小时');
  });

  it('shows a closed case as closed, with no clock', () => {
    render(<SlaClock sla={sla(null)} fetchedAt={0} now={0} />);
    expect(screen.queryByRole('timer')).toBeNull();
    expect(screen.getByText('closed')).toBeTruthy();
  });
});
