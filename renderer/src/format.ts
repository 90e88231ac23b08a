/** Times, durations and counts as a person reads them, in the chosen language. */
import type { Locale } from '../../shared/ipc/contract';
import type { Translate } from './i18n';

export function formatDateTime(iso: string, locale: Locale): string {
  return new Date(iso).toLocaleString(locale === 'bg' ? 'bg-BG' : 'en-GB', {
    day: '2-digit',
    month: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** "3 мин", "2 ч 5 мин", "4 дни": how long ago, or how long. */
export function formatSpan(ms: number, t: Translate): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (ms < 60_000) return t('time.seconds', { n: Math.max(0, Math.round(ms / 1000)) });
  if (minutes < 60) return t('time.minutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48)
    return minutes % 60 ? t('time.hoursMinutes', { h: hours, m: minutes % 60 }) : t('time.hours', { n: hours });
  return t('time.days', { n: Math.floor(hours / 24) });
}

export function formatAgo(iso: string, now: number, t: Translate): string {
  return t('time.ago', { span: formatSpan(now - new Date(iso).getTime(), t) });
}

export function runDurationMs(run: { startedAt: string; finishedAt: string | null }, now: number): number {
  return (run.finishedAt ? new Date(run.finishedAt).getTime() : now) - new Date(run.startedAt).getTime();
}

/** The seed's limits for order imports: fine within an hour, amber past it, red past 4 hours. */
export type AgeLevel = 'ok' | 'amber' | 'red' | 'never';
export function orderAgeLevel(iso: string | null, now: number): AgeLevel {
  if (!iso) return 'never';
  const hours = (now - new Date(iso).getTime()) / 3_600_000;
  return hours > 4 ? 'red' : hours > 1 ? 'amber' : 'ok';
}
