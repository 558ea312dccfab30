import { MaintenanceStatus } from './enums';

export const EXPIRING_WITHIN_DAYS = 30;
const DAY_MS = 24 * 3600 * 1000;

/** A device's maintenance contract at `now`: expired, expiring within 30 days, active, or unknown. */
export function maintenanceStatus(maintenanceUntil: string | null | undefined, now: Date): MaintenanceStatus {
  if (!maintenanceUntil) return MaintenanceStatus.UNKNOWN;
  const until = new Date(maintenanceUntil).getTime();
  if (Number.isNaN(until)) return MaintenanceStatus.UNKNOWN;
  if (until <= now.getTime()) return MaintenanceStatus.EXPIRED;
  if (until - now.getTime() <= EXPIRING_WITHIN_DAYS * DAY_MS) return MaintenanceStatus.EXPIRING;
  return MaintenanceStatus.ACTIVE;
}
