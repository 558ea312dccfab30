/** Dates and durations for people: in the configured time zone (Asia/Shanghai by default) and language. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Zones offered in the header (any IANA zone works through localStorage "rapport.tz"). */
export const TIME_ZONES = ['Asia/Shanghai', 'Asia/Urumqi', 'Asia/Hong_Kong', 'Asia/Singapore', 'UTC', 'Europe/London', 'Europe/Berlin'];

export function getTimeZone(): string {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem('rapport.tz') : null;
  return stored || DEFAULT_TIME_ZONE;
}

const locale = (lang: string) => (lang === 'zh' ? 'zh-CN' : 'en-GB');

/**
 * Formatters are made once per style, language and zone: building an Intl.DateTimeFormat costs far
 * more than using one, and a card formats a few hundred dates.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(style: 'dateTime' | 'date' | 'day', lang: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${style}|${lang}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f =
      style === 'day'
        ? new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
        : new Intl.DateTimeFormat(locale(lang), {
            timeZone,
            year: 'numeric',
            month: 'short',
            day: 'numeric',
            ...(style === 'dateTime' ? { hour: '2-digit', minute: '2-digit' } : {}),
          });
    formatters.set(key, f);
  }
  return f;
}

export function formatDateTime(iso: string | null | undefined, lang: string, timeZone = getTimeZone()): string {
  if (!iso) return '—';
  return formatter('dateTime', lang, timeZone).format(new Date(iso));
}

export function formatDate(iso: string | null | undefined, lang: string, timeZone = getTimeZone()): string {
  if (!iso) return '—';
  return formatter('date', lang, timeZone).format(new Date(iso));
}

/** YYYY-MM-DD of an instant in a time zone (for date inputs). */
export function isoDay(d: Date, timeZone = getTimeZone()): string {
  return formatter('day', 'en', timeZone).format(d);
}

/** Noon of a YYYY-MM-DD day in China time, as an ISO instant (the "as of" moment of a date picker). */
export function dayToInstant(day: string): string {
  return new Date(`${day}T12:00:00+08:00`).toISOString();
}

/** "3 d 4 h", "2 h 05 min", "12 min" (English) or "3天4小时", "2小时05分" (Chinese); sign ignored. */
export function formatDuration(ms: number, lang: string): string {
  const totalMin = Math.floor(Math.abs(ms) / 60000);
  const d = Math.floor(totalMin / 1440);
  const h = Math.floor((totalMin % 1440) / 60);
  const m = totalMin % 60;
  const mm = String(m).padStart(2, '0');
  if (lang === 'zh') {
    if (d > 0) return `${d}天${h}小时`;
    if (h > 0) return `${h}小时${mm}分`;
    return `${m}分钟`;
  }
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${mm} min`;
  return `${m} min`;
}
