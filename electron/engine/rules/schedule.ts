/**
 * When a task of a started server runs next (S6, S18). "On start" runs at once and then polls
 * every `pollMinutes`; "interval" runs at once and then every N minutes; "daily" runs at the next
 * HH:MM of local time.
 */
import type { StartMode } from '../../../shared/types/server-profile';

export function nextRunAt(mode: StartMode, lastStart: Date | null, now: Date, pollMinutes = 5): Date {
  switch (mode.kind) {
    case 'on-start':
      return lastStart ? new Date(lastStart.getTime() + pollMinutes * 60_000) : now;
    case 'interval':
      return lastStart ? new Date(lastStart.getTime() + mode.minutes * 60_000) : now;
    case 'daily': {
      const [h, m] = mode.time.split(':').map(Number);
      const at = new Date(now);
      at.setHours(h, m, 0, 0);
      if (at.getTime() <= now.getTime() || (lastStart && lastStart.getTime() >= at.getTime())) {
        at.setDate(at.getDate() + 1);
      }
      return at;
    }
  }
}
