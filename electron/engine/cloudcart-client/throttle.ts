/**
 * What a 429 from a store means (cloudcart/platform-wiki
 * `tools/overrides/concepts/platform-rate-limits.md`, "Known gotchas" and "Which 429 fired?"):
 * - X-RateLimit-Limit: 0: no API access on the plan, or a domain that is not the store's primary
 *   one (www., the service subdomain, a secondary domain). It reads the same either way and fires
 *   on every request; the limit is recomputed while the store runs (a plan change, a domain change),
 *   so it can also appear in the middle of a run. Waiting does not help: the run stops.
 * - any other X-RateLimit-* answer: the API quota; wait Retry-After (60) and try again.
 * - no X-RateLimit-* headers and an HTML page: another protection layer (anti-abuse, a firewall in
 *   front of the store), not the API quota; back off and try again, but say so if it persists.
 * The platform's 429 body is {error, message, retry_after}; json-api-status-codes.md says every
 * non-2xx carries the JSON:API {errors: [...]} envelope instead. Both are read for the message.
 */
import { AppError } from '../errors';
import { numberHeader } from './rate-headers';

/** 429s one request may meet in a row before the run stops (about 4 minutes at Retry-After 60). */
export const MAX_THROTTLED_IN_A_ROW = 5;

export type ThrottleKind = 'no-access' | 'quota' | 'other-layer';

export interface ThrottleAnswer {
  headers: Record<string, unknown>;
  data: string;
}

export function throttleKind(res: ThrottleAnswer): ThrottleKind {
  const limit = numberHeader(res.headers, 'x-ratelimit-limit');
  if (limit === 0) return 'no-access';
  if (limit !== null || res.headers['x-ratelimit-remaining'] !== undefined) return 'quota';
  const type = String(res.headers['content-type'] ?? '');
  return /html/i.test(type) || /^\s*</.test(res.data) ? 'other-layer' : 'quota';
}

/** The store's own words, for the merchant to quote to CloudCart support. */
function storeMessage(data: string): string | null {
  try {
    const body = JSON.parse(data) as { message?: unknown; errors?: { detail?: unknown }[] };
    const text = body.message ?? body.errors?.[0]?.detail;
    return typeof text === 'string' && text.trim() ? text.trim().slice(0, 300) : null;
  } catch {
    return null;
  }
}

export function noApiAccess(host: string, res?: ThrottleAnswer): AppError {
  const bare = host.replace(/^www\./i, '');
  const tryBare = bare !== host ? { bg: ` Опитайте ${bare}.`, en: ` Try ${bare}.` } : { bg: '', en: '' };
  const said = res ? storeMessage(res.data) : null;
  const quote = said ? { bg: ` Отговор на магазина: „${said}“`, en: ` The store said: "${said}"` } : { bg: '', en: '' };
  return new AppError('forbidden', {
    bg:
      `Магазинът ${host} не дава достъп до API (лимит 0). Използвайте основния домейн на магазина (не www., *.cloudcart.net или вторичен домейн) или проверете плана: Baby Pack няма API достъп.` +
      `${tryBare.bg} Основният домейн и лимитът са в CloudCart: Настройки > API ключове.${quote.bg}`,
    en:
      `The store ${host} gives no API access (limit 0). Use the store's primary domain (not www., *.cloudcart.net or a secondary domain) or check the plan: Baby Pack has no API access.` +
      `${tryBare.en} The primary domain and the limit are in CloudCart: Settings > API Keys.${quote.en}`,
  });
}

export function tooManyThrottles(host: string, kind: ThrottleKind, times: number, limit: number | null): AppError {
  const refused =
    times === 1
      ? { bg: 'отказа заявката', en: 'refused the request' }
      : { bg: `отказа заявките ${times} пъти подред`, en: `refused the requests ${times} times in a row` };
  if (kind === 'other-layer')
    return new AppError('unavailable', {
      bg: `Защита пред магазина ${host} (не лимитът на API в плана) ${refused.bg} (HTTP 429 с уеб страница вместо отговор на API). Изчакайте и опитайте отново; ако се повтаря, пишете на поддръжката на CloudCart и цитирайте това съобщение.`,
      en: `A protection layer in front of the store ${host} (not the plan's API limit) ${refused.en} (HTTP 429 with a web page instead of an API answer). Wait and try again; if it keeps happening, contact CloudCart support and quote this message.`,
    });
  const per = limit ? { bg: ` (${limit} на минута)`, en: ` (${limit} a minute)` } : { bg: '', en: '' };
  return new AppError('unavailable', {
    bg: `Магазинът ${host} ${refused.bg} заради лимита на API${per.bg}${times > 1 ? ', въпреки изчакването' : ''}. Вероятно друга програма използва същия лимит: всички API ключове на магазина делят един. Спрете другите интеграции или увеличете лимита в CloudCart: Настройки > API ключове > Upgrade. Следващото изпълнение ще изпрати останалото.`,
    en: `The store ${host} ${refused.en} for its API limit${per.en}${times > 1 ? ', despite waiting' : ''}. Another program probably uses the same limit: all API keys of a store share one. Stop the other integrations or raise the limit in CloudCart: Settings > API Keys > Upgrade. The next run sends what is left.`,
  });
}
