import { useTranslation } from 'react-i18next';
import { formatDate } from '../lib/format';
import { layoutTimeline, type TimelineEntry } from '../lib/timeline';
import { EnumLabel } from './labels';

const LANE = 34;
const LEFT = 130;
const WIDTH = 640;

/** Who covered the customer in which role, when: one lane per role, one bar per engineer's coverage. */
export function CoverageTimeline({ entries, now, asOf }: { entries: TimelineEntry[]; now: number; asOf?: number | null }) {
  const { t, i18n } = useTranslation();
  const layout = layoutTimeline(entries, { width: WIDTH, now, asOf });
  const height = layout.lanes.length * LANE + 30;
  const roleLabel = (r: string) => t(`enum.${r}`, { defaultValue: r });
  return (
    <figure className="timeline">
      <svg
        role="img"
        aria-labelledby="timeline-title"
        viewBox={`0 0 ${LEFT + WIDTH + 10} ${height}`}
        width="100%"
        data-testid="coverage-timeline"
      >
        <title id="timeline-title">{t('customer.timeline')}</title>
        {layout.lanes.map((role, i) => (
          <g key={role}>
            <rect x={0} y={i * LANE} width={LEFT + WIDTH} height={LANE} className={i % 2 ? 'lane odd' : 'lane'} />
            <text x={6} y={i * LANE + 21} className="lane-label">
              {roleLabel(role)}
            </text>
          </g>
        ))}
        {layout.ticks.map((tick) => (
          <g key={tick.label}>
            <line x1={LEFT + tick.x} x2={LEFT + tick.x} y1={0} y2={layout.lanes.length * LANE} className="tick" />
            <text x={LEFT + tick.x + 3} y={layout.lanes.length * LANE + 16} className="tick-label">
              {tick.label}
            </text>
          </g>
        ))}
        {layout.bars.map((b) => (
          <g key={b.id} data-testid="timeline-bar" data-engineer={b.label}>
            <title>{`${b.label} · ${roleLabel(layout.lanes[b.lane])} · ${formatDate(b.from, i18n.language)} – ${b.to ? formatDate(b.to, i18n.language) : t('customer.now')}`}</title>
            <rect x={LEFT + b.x} y={b.lane * LANE + 5} width={b.width} height={LANE - 10} rx={4} className={b.open ? 'bar open' : 'bar'} />
            {b.width > 40 && (
              <text x={LEFT + b.x + 4} y={b.lane * LANE + 21} className="bar-label">
                {b.label}
              </text>
            )}
          </g>
        ))}
        {layout.marker != null && (
          <line
            x1={LEFT + layout.marker}
            x2={LEFT + layout.marker}
            y1={0}
            y2={layout.lanes.length * LANE}
            className="marker"
            data-testid="timeline-marker"
          />
        )}
      </svg>
      <figcaption className="sr-only">
        <ul>
          {entries.map((e) => (
            <li key={e.id}>
              <EnumLabel value={e.role} />: {e.engineerName}, {formatDate(e.from, i18n.language)} –{' '}
              {e.to ? formatDate(e.to, i18n.language) : t('customer.now')}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
