import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDuration } from '../lib/format';
import { slaClock, type SlaInput } from '../lib/sla';

/** A live countdown to the case's next due time; red when overdue, amber when under two hours. */
export function SlaClock({
  sla,
  fetchedAt,
  now: fixedNow,
  tickMs = 30_000,
}: {
  sla: SlaInput;
  fetchedAt: number;
  now?: number;
  tickMs?: number;
}) {
  const { t, i18n } = useTranslation();
  const [now, setNow] = useState(() => fixedNow ?? Date.now());
  useEffect(() => {
    if (fixedNow != null) return;
    const timer = setInterval(() => setNow(Date.now()), tickMs);
    return () => clearInterval(timer);
  }, [fixedNow, tickMs]);
  const clock = slaClock(sla, fetchedAt, fixedNow ?? now);
  if (clock.state === 'closed' || clock.msLeft == null) return <span className="sla closed">{t('sla.closed')}</span>;
  const time = formatDuration(clock.msLeft, i18n.language);
  return (
    <span className={`sla ${clock.state}`} data-testid="sla-clock" role="timer" aria-live="off">
      {clock.state === 'overdue' ? t('sla.over', { time }) : t('sla.left', { time })}
      {clock.breached && <span className="badge danger">{t('sla.breached')}</span>}
    </span>
  );
}
