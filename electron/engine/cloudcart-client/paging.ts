/**
 * Reading a whole collection, page by page, in bounded time (issue 14 point 2):
 * - pages are asked by `page[number]`/`page[size]` and the loop ends at `meta.page.last-page`, at
 *   the first empty page (a page past the end is `200` with an empty list: json-api-pagination.md),
 *   or, without `last-page`, at the first short page: a store that claims a billion pages and sends
 *   empty ones stops at once;
 * - a store that keeps sending the same page, or more than `MAX_PAGES` pages, ends the read with a
 *   clear error instead of looping: a truncated catalog would make the export create duplicates;
 * - a page that times out at the platform (504: JSON-API requests end after 30 s,
 *   platform-rate-limits.md, advice "use a smaller page[size]") is asked again at 50, then 25 a
 *   page, and the rest of the collection is read at that size.
 */
import { AppError } from '../errors';
import type { CloudCartHttp } from './http';
import { asList, type Doc, type Resource } from './json-api-doc';

export const PAGE_SIZES = [100, 50, 25] as const;
/** 5,000 pages is 125,000 rows even at 25 a page: far above any store we sync, far below a loop. */
export const MAX_PAGES = 5000;

export interface Page {
  rows: Resource[];
  included: Resource[];
  /** The page size this page was read at (100, or less after a 504). */
  size: number;
}

export async function* pages(http: CloudCartHttp, path: string, maxPages = MAX_PAGES): AsyncGenerator<Page> {
  const base = path.split('?')[0];
  const sep = path.includes('?') ? '&' : '?';
  let sizeIndex = 0;
  let offset = 0;
  let count = 0;
  let previousIds = '';
  for (;;) {
    const size = PAGE_SIZES[sizeIndex];
    const number = Math.floor(offset / size) + 1;
    let doc: Doc;
    try {
      doc = (
        await http.send<Doc>('GET', `${path}${sep}page[size]=${size}&page[number]=${number}`, undefined, {
          failFastOn: [504],
        })
      ).data;
    } catch (err) {
      if (statusOf(err) !== 504) throw err;
      if (sizeIndex < PAGE_SIZES.length - 1) {
        sizeIndex++;
        continue;
      }
      throw tooHeavy(base, size);
    }
    const rows = asList(doc, `GET ${base}`);
    if (rows.length === 0) return;
    const ids = rows.map((r) => `${r.type}/${r.id}`).join(',');
    if (ids === previousIds) throw lyingPages(base, 'same', maxPages);
    previousIds = ids;
    if (++count > maxPages) throw lyingPages(base, 'many', maxPages);
    yield { rows, included: doc.included ?? [], size };
    offset += size;
    const last = Number(doc.meta?.page?.['last-page']);
    if (Number.isFinite(last) && last > 0) {
      if (number >= last) return;
    } else if (rows.length < size) return;
  }
}

/** Every row of a collection (and what it included), deduplicated by type and id. */
export async function listAll(
  http: CloudCartHttp,
  path: string,
): Promise<{ data: Resource[]; included: Resource[]; pageSize: number }> {
  const data = new Map<string, Resource>();
  const included = new Map<string, Resource>();
  let pageSize: number = PAGE_SIZES[0];
  for await (const page of pages(http, path)) {
    for (const r of page.rows) data.set(`${r.type}/${r.id}`, r);
    for (const r of page.included) included.set(`${r.type}/${r.id}`, r);
    pageSize = page.size;
  }
  return { data: [...data.values()], included: [...included.values()], pageSize };
}

export function statusOf(err: unknown): number | undefined {
  return (err as { status?: number } | null)?.status;
}

function tooHeavy(what: string, size: number): AppError {
  return Object.assign(
    new AppError('unavailable', {
      bg: `Магазинът не успява да върне ${what} дори по ${size} на страница (504: изтекло време на сървъра). Опитайте по-късно; ако се повтаря, свържете се с поддръжката на CloudCart.`,
      en: `The store cannot return ${what} even at ${size} a page (504: the server timed out). Try again later; if it repeats, contact CloudCart support.`,
    }),
    { status: 504 },
  );
}

function lyingPages(what: string, how: 'same' | 'many', cap: number): AppError {
  const bg =
    how === 'same'
      ? `Магазинът връща една и съща страница на ${what} отново и отново. Четенето е спряно, за да не се създадат дубликати.`
      : `Магазинът връща повече от ${cap} страници на ${what}. Четенето е спряно, за да не продължи безкрайно.`;
  const en =
    how === 'same'
      ? `The store sends the same page of ${what} again and again. Reading stopped so that no duplicates are created.`
      : `The store sends more than ${cap} pages of ${what}. Reading stopped so that it does not go on forever.`;
  return new AppError('store_error', {
    bg: `${bg} Проверете адреса на магазина; ако се повтаря, изпратете дневника на поддръжката на CloudCart.`,
    en: `${en} Check the store's address; if it repeats, send the log to CloudCart support.`,
  });
}
