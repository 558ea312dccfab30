/**
 * @jest-environment jsdom
 */
import { DEFAULT_TIME_ZONE, dayToInstant, formatDateTime, getTimeZone, isoDay } from '../../web/src/lib/format';

describe('dates for people', () => {
  afterEach(() => localStorage.removeItem('rapport.tz'));

  it("are shown in China time by default, in the reader's language", () => {
    expect(getTimeZone()).toBe(DEFAULT_TIME_ZONE);
    // 00:30 UTC is 08:30 in Shanghai, the next day's date at 16:30 UTC.
    expect(formatDateTime('2026-11-23T00:30:00Z', 'en')).toBe('23 Nov 2026, 08:30');
    expect(formatDateTime('2026-11-23T00:30:00Z', 'zh')).toBe('2026年11月23日 08:30');
    expect(isoDay(new Date('2026-11-23T16:30:00Z'))).toBe('2026-11-24');
  });

  it('follow the configured zone', () => {
    localStorage.setItem('rapport.tz', 'Europe/Berlin');
    expect(getTimeZone()).toBe('Europe/Berlin');
    expect(formatDateTime('2026-11-23T00:30:00Z', 'en')).toBe('23 Nov 2026, 01:30');
  });

  it('an "as of" day means noon of that day in China', () => {
    expect(dayToInstant('2026-05-01')).toBe('2026-05-01T04:00:00.000Z');
  });
});
