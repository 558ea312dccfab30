/** The coverage timeline's layout: one lane per role, one bar per coverage, on a time axis. */
export interface TimelineEntry {
  id: string;
  role: string;
  engineerName: string;
  from: string;
  to?: string | null;
}

export interface TimelineBar {
  id: string;
  lane: number;
  x: number;
  width: number;
  label: string;
  open: boolean;
  from: string;
  to: string | null;
}

export interface TimelineLayout {
  lanes: string[];
  bars: TimelineBar[];
  start: number;
  end: number;
  /** Years (or months for short spans) to draw as ticks: x position and label. */
  ticks: { x: number; label: string }[];
  /** x of the "as of" marker, when it falls inside the axis. */
  marker: number | null;
}

const ROLE_ORDER = ['PRIMARY', 'BACKUP', 'PARTNER_ONSITE', 'PRODUCT_LEAD', 'SERVICE_MANAGER', 'ACCOUNT_MANAGER'];

export function layoutTimeline(entries: TimelineEntry[], opts: { width: number; now: number; asOf?: number | null }): TimelineLayout {
  const lanes = [...new Set(entries.map((e) => e.role))].sort((a, b) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b));
  if (!entries.length) return { lanes, bars: [], start: opts.now, end: opts.now, ticks: [], marker: null };
  const start = Math.min(...entries.map((e) => Date.parse(e.from)));
  const end = Math.max(opts.now, ...entries.map((e) => (e.to ? Date.parse(e.to) : opts.now)));
  const span = Math.max(end - start, 86_400_000);
  const x = (t: number) => ((t - start) / span) * opts.width;
  const bars = entries.map((e) => {
    const from = Date.parse(e.from);
    const to = e.to ? Date.parse(e.to) : end;
    return {
      id: e.id,
      lane: lanes.indexOf(e.role),
      x: x(from),
      width: Math.max(x(to) - x(from), 2),
      label: e.engineerName,
      open: !e.to,
      from: e.from,
      to: e.to ?? null,
    };
  });
  const ticks: { x: number; label: string }[] = [];
  const first = new Date(start);
  if (span > 400 * 86_400_000) {
    for (let y = first.getUTCFullYear() + 1; Date.UTC(y, 0, 1) <= end; y++) ticks.push({ x: x(Date.UTC(y, 0, 1)), label: String(y) });
  } else {
    for (
      let d = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1));
      d.getTime() <= end;
      d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))
    ) {
      ticks.push({ x: x(d.getTime()), label: `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}` });
    }
  }
  const marker = opts.asOf != null && opts.asOf >= start && opts.asOf <= end ? x(opts.asOf) : null;
  return { lanes, bars, start, end, ticks, marker };
}

/** The bars covering a moment: who covered in which role then. */
export function coveringAt(entries: TimelineEntry[], at: number): TimelineEntry[] {
  return entries.filter((e) => Date.parse(e.from) <= at && (!e.to || Date.parse(e.to) > at));
}
