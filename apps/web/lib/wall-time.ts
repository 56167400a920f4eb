import { dateFormat } from './intl-formats';

/** Offset of `zone` from UTC at `instant`, in minutes (east positive). */
function offsetMinutes(instant: number, zone: string): number {
  const parts = dateFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/**
 * The instant a wall-clock time ("2026-12-24T09:00", a datetime-local value) names in the
 * user's zone — their profile's, not the browser's. A time skipped by DST moves forward.
 */
export function wallTimeToInstant(local: string, zone: string): string {
  const [date = '', time = '00:00'] = local.split('T');
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  const guess = Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0);
  const first = guess - offsetMinutes(guess, zone) * 60_000;
  const second = guess - offsetMinutes(first, zone) * 60_000;
  return new Date(second).toISOString();
}
