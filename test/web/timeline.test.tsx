/**
 * @jest-environment jsdom
 */
import { render, screen } from '@testing-library/react';
import i18n from '../../web/src/i18n';
import { CoverageTimeline } from '../../web/src/components/CoverageTimeline';
import { coveringAt, layoutTimeline, type TimelineEntry } from '../../web/src/lib/timeline';

// China Telecom Wuhan's story in small: three PRIMARYs one after another, one BACKUP throughout.
const entries: TimelineEntry[] = [
  { id: 'p1', role: 'PRIMARY', engineerName: 'Liu Yang', from: '2021-01-01T00:00:00Z', to: '2023-01-01T00:00:00Z' },
  { id: 'p2', role: 'PRIMARY', engineerName: 'Xu Ming', from: '2023-01-01T00:00:00Z', to: '2025-01-01T00:00:00Z' },
  { id: 'p3', role: 'PRIMARY', engineerName: 'Deng Hao', from: '2025-01-01T00:00:00Z' },
  { id: 'b1', role: 'BACKUP', engineerName: 'Fang Qing', from: '2021-01-01T00:00:00Z' },
];
const now = Date.parse('2027-01-01T00:00:00Z');

describe('the coverage timeline', () => {
  it('puts each role in its own lane, PRIMARY first, and bars end to end in time order', () => {
    const layout = layoutTimeline(entries, { width: 600, now });
    expect(layout.lanes).toEqual(['PRIMARY', 'BACKUP']);
    const primaries = layout.bars.filter((b) => b.lane === 0);
    expect(primaries.map((b) => b.label)).toEqual(['Liu Yang', 'Xu Ming', 'Deng Hao']);
    expect(primaries[0].x).toBe(0);
    expect(primaries[1].x).toBeCloseTo(primaries[0].x + primaries[0].width, 6);
    expect(primaries[2].x + primaries[2].width).toBeCloseTo(600, 6);
    expect(primaries.map((b) => b.open)).toEqual([false, false, true]);
    expect(layout.ticks.map((t) => t.label)).toEqual(['2022', '2023', '2024', '2025', '2026', '2027']);
  });

  it('marks the "as of" moment and knows who covered then', () => {
    const asOf = Date.parse('2024-06-01T00:00:00Z');
    const layout = layoutTimeline(entries, { width: 600, now, asOf });
    expect(layout.marker).toBeGreaterThan(0);
    expect(layout.marker).toBeLessThan(600);
    expect(coveringAt(entries, asOf).map((e) => e.engineerName)).toEqual(['Xu Ming', 'Fang Qing']);
    expect(layoutTimeline(entries, { width: 600, now, asOf: Date.parse('2019-01-01T00:00:00Z') }).marker).toBeNull();
  });

  it('draws an SVG picture with one bar per coverage and a readable list for screen readers', async () => {
    await i18n.changeLanguage('en');
    render(<CoverageTimeline entries={entries} now={now} asOf={Date.parse('2024-06-01T00:00:00Z')} />);
    expect(screen.getByRole('img', { name: 'Coverage timeline' })).toBeTruthy();
    expect(screen.getAllByTestId('timeline-bar').map((g) => g.getAttribute('data-engineer'))).toEqual([
      'Liu Yang',
      'Xu Ming',
      'Deng Hao',
      'Fang Qing',
    ]);
    expect(screen.getByTestId('timeline-marker')).toBeTruthy();
    expect(screen.getByText(/Primary: Deng Hao/)).toBeTruthy();
  });

  it('draws nothing for a customer nobody ever covered', () => {
    expect(layoutTimeline([], { width: 600, now })).toMatchObject({ lanes: [], bars: [], ticks: [], marker: null });
  });
});
