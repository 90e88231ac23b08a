/**
 * The read-only probes of the store check: access (the key, the primary domain and the limit
 * headers), paging, the largest page, the catalog page the export reads, the filters the sync
 * relies on, a lookup that finds nothing, and whether the plan has variants. Nothing is written.
 */
import type { Doc, Resource } from '../cloudcart-client/json-api-doc';
import { asList, asSingle, isNotFound } from '../cloudcart-client/json-api-doc';
import { numberHeader, readReset, type ResetReading } from '../cloudcart-client/rate-headers';
import { pages } from '../cloudcart-client/paging';
import { rateObservation } from '../cloudcart-client/pacer';
import { VariantsNotInPlan } from '../cloudcart-client/plan-features';
import { AppError } from '../errors';
import { failure, l, same, statusOf, type CheckContext, type Finding } from './check-context';

const PAGE_META = ['current-page', 'per-page', 'from', 'to', 'total', 'last-page'] as const;

/**
 * The first request: the key, the domain, the limit headers and the paging meta of one small page.
 * Returns false when the store cannot be used at all (wrong key, no API at this address): the
 * other probes are then not run.
 */
export async function probeAccess(ctx: CheckContext): Promise<boolean> {
  const started = Date.now();
  let res: { data: Doc; headers: Record<string, unknown> };
  try {
    res = await ctx.http.send<Doc>('GET', '/products?page[size]=1');
  } catch (err) {
    const code = err instanceof AppError ? err.code : null;
    if (code === 'forbidden') {
      // Limit 0: the edge answers before the key is even looked at.
      ctx.record('auth', {
        seen: l('не е проверен: магазинът отказва преди ключа', 'not checked: the store refuses before the key'),
        ok: null,
      });
      ctx.record('primary-domain', { seen: same('0'), ok: false, advice: (err as AppError).text });
      return false;
    }
    if (code === 'unauthorized') {
      ctx.record('auth', { seen: l('отказан (401)', 'refused (401)'), ok: false, advice: (err as AppError).text });
      const limit = rateObservation(ctx.http.hostName)?.limit ?? null;
      ctx.record('primary-domain', limitFinding(limit));
      return false;
    }
    ctx.record('auth', failure(err));
    return false;
  }
  ctx.record('auth', { seen: l('приет', 'accepted'), ok: true });
  ctx.record('primary-domain', limitFinding(numberHeader(res.headers, 'x-ratelimit-limit')));
  ctx.record('reset-format', resetFinding(readReset(res.headers['x-ratelimit-reset']), started));
  ctx.record('paging-meta', pagingFinding(res.data));
  return true;
}

function limitFinding(limit: number | null): Finding {
  if (limit === null)
    return {
      seen: l(
        'няма X-RateLimit-Limit: синхронизацията върви с 50 в минута',
        'no X-RateLimit-Limit: the sync goes at 50 a minute',
      ),
      ok: true,
    };
  return { seen: l(`${limit} в минута`, `${limit} a minute`), ok: true };
}

function resetFinding(reset: ResetReading, sentAt: number): Finding {
  const ahead = reset.at === null ? null : Math.round((reset.at - sentAt) / 1000);
  const offset = ahead === null ? '' : `, ${ahead >= 0 ? '+' : ''}${ahead} s`;
  const forms: Record<ResetReading['format'], [string, string]> = {
    seconds: [`секунди от сега (${reset.raw})`, `seconds from now (${reset.raw})`],
    'epoch-seconds': [`Unix време в секунди${offset}`, `Unix time in seconds${offset}`],
    'epoch-ms': [`Unix време в милисекунди${offset}`, `Unix time in milliseconds${offset}`],
    date: [`дата „${reset.raw}“${offset}`, `a date "${reset.raw}"${offset}`],
    unreadable: [`не се чете: „${reset.raw}“`, `unreadable: "${reset.raw}"`],
    absent: ['не се изпраща', 'not sent'],
  };
  const [bg, en] = forms[reset.format];
  // The client never paces on Reset (platform-rate-limits.md: a constant now + 60 s), so any form holds.
  return { seen: l(bg, en), ok: true };
}

function pagingFinding(doc: Doc): Finding {
  asList(doc, 'GET /products');
  const meta = doc.meta?.page as Record<string, unknown> | undefined;
  if (!meta)
    return {
      seen: l('няма meta.page: четенето спира на непълна страница', 'no meta.page: reading stops at a short page'),
      ok: true,
    };
  const missing = PAGE_META.filter((k) => meta[k] === undefined);
  if (missing.length === 0) return { seen: l('и шестте', 'all six'), ok: true };
  return {
    seen: l(`липсват: ${missing.join(', ')}`, `missing: ${missing.join(', ')}`),
    // Without last-page the client stops at the first empty or short page (paging.ts).
    ok: true,
  };
}

/** The first catalog page as the export reads it (100 a page, with variants), and the largest page size. */
export async function probePages(ctx: CheckContext): Promise<Resource[]> {
  let firstPage: Resource[] = [];
  let readAt: number | null = null;
  await ctx.probe('catalog-page', async () => {
    const started = Date.now();
    const reader = pages(ctx.http, '/products?sort=id&include=variants', 1);
    const first = await reader.next();
    await reader.return(undefined);
    const ms = Date.now() - started;
    readAt = first.done ? 100 : first.value.size;
    firstPage = first.done ? [] : first.value.rows;
    const stepped = readAt < 100;
    return {
      seen: stepped
        ? l(
            `504 при 100 на страница; прочетена при ${readAt} (продукти: ${firstPage.length}, ${ms} ms)`,
            `504 at 100 a page; read at ${readAt} (products: ${firstPage.length}, ${ms} ms)`,
          )
        : l(
            `100 на страница (продукти: ${firstPage.length}, ${ms} ms)`,
            `100 a page (products: ${firstPage.length}, ${ms} ms)`,
          ),
      ok: true,
      advice: stepped
        ? l(
            'Каталогът се чете на по-малки страници: повече заявки, но без грешка.',
            'The catalog is read in smaller pages: more requests, but no failure.',
          )
        : null,
    };
  });
  await ctx.probe('page-size', async () => {
    let hundred: Finding | null = null;
    if (readAt !== 100) {
      try {
        const res = await ctx.http.send<Doc>('GET', '/products?page[size]=100&page[number]=1');
        asList(res.data, 'GET /products');
      } catch (err) {
        if (statusOf(err) !== 422) throw err;
        hundred = {
          seen: l('100 отказано (422)', '100 refused (422)'),
          ok: false,
          advice: l(
            'Синхронизацията чете по 100 на страница, както е документирано; магазинът го отказва. Пишете на поддръжката на CloudCart.',
            'The sync reads 100 a page, as documented; the store refuses it. Contact CloudCart support.',
          ),
        };
      }
    }
    if (hundred) return hundred;
    try {
      const res = await ctx.http.send<Doc>('GET', '/products?page[size]=101&page[number]=1');
      const rows = asList(res.data, 'GET /products').length;
      return { seen: l(`100 приети; 101 също (${rows} реда)`, `100 accepted; 101 too (${rows} rows)`), ok: true };
    } catch (err) {
      const status = statusOf(err);
      if (status === null || status < 400 || status >= 500) throw err;
      return { seen: l(`100 приети; 101 отказани (${status})`, `100 accepted; 101 refused (${status})`), ok: true };
    }
  });
  return firstPage;
}

/**
 * The equality filters the sync relies on to find what it made after a lost answer
 * (`filter[name]` + `sort=-id` on products, `filter[sku]` and `filter[item_id]` on variants):
 * a store that ignored them would hand back someone else's product.
 */
export async function probeFilters(ctx: CheckContext, catalog: Resource[]): Promise<void> {
  await ctx.probe('filters', async () => {
    const name = encodeURIComponent(`Sklad Sync ${ctx.stamp} няма такъв`);
    const byName = asList(
      (await ctx.http.send<Doc>('GET', `/products?filter[name]=${name}&sort=-id`)).data,
      'GET /products',
    );
    const bySku = asList(
      (await ctx.http.send<Doc>('GET', `/variants?filter[sku]=SKLADSYNC-NONE-${ctx.stamp}`)).data,
      'GET /variants',
    );
    const product = catalog.find((p) => Array.isArray(p.relationships?.variants?.data)) ?? catalog[0];
    const itemId = product?.id ?? '0';
    const byItem = asList(
      (await ctx.http.send<Doc>('GET', `/variants?filter[item_id]=${encodeURIComponent(itemId)}`)).data,
      'GET /variants',
    );
    const strangers = byItem.filter(
      (v) => v.attributes.item_id !== undefined && String(v.attributes.item_id) !== itemId,
    );
    const ignored = [
      ...(byName.length ? [`filter[name] (${byName.length})`] : []),
      ...(bySku.length ? [`filter[sku] (${bySku.length})`] : []),
      ...(strangers.length ? [`filter[item_id] (${strangers.length})`] : []),
    ];
    if (ignored.length === 0) return { seen: l('прилагат се', 'applied'), ok: true };
    return {
      seen: l(`пренебрегнати: ${ignored.join(', ')}`, `ignored: ${ignored.join(', ')}`),
      ok: false,
      advice: l(
        'Синхронизацията търси по тези филтри какво е създала, когато отговорът се е загубил; магазин, който ги пренебрегва, би ѝ дал чужд продукт. Пишете на поддръжката на CloudCart.',
        'The sync finds what it made after a lost answer by these filters; a store that ignores them would hand it another product. Contact CloudCart support.',
      ),
    };
  });
}

/** A single-record lookup that finds nothing: `200 {"data": null}`, an empty list or 404 all mean "not found". */
export async function probeLookupMiss(ctx: CheckContext): Promise<void> {
  await ctx.probe('lookup-miss', async () => {
    let doc: Doc;
    try {
      doc = (await ctx.http.send<Doc>('GET', `/categories?filter[url_handle]=sklad-sync-check-${ctx.stamp}`)).data;
    } catch (err) {
      if (!isNotFound(err)) throw err;
      return { seen: same('404'), ok: true };
    }
    if (doc?.data === null) return { seen: same('200 {"data": null}'), ok: true };
    if (Array.isArray(doc?.data) && doc.data.length === 0)
      return { seen: l('200 с празен списък', '200 with an empty list'), ok: true };
    const found = asSingle(doc);
    return {
      seen: l(
        `върнат е запис (#${found?.id ?? '?'}): филтърът е пренебрегнат`,
        `a record came back (#${found?.id ?? '?'}): the filter was ignored`,
      ),
      // The sync lists categories, parameters and options once and matches them itself.
      ok: true,
      advice: l(
        'Синхронизацията не разчита на такива търсения: тя чете списъка веднъж и сравнява сама.',
        'The sync does not rely on such lookups: it reads the list once and compares itself.',
      ),
    };
  });
}

export async function probeVariantsPlan(ctx: CheckContext): Promise<void> {
  await ctx.probe('variants-plan', async () => {
    const inPlan = await ctx.store.variantsInPlan();
    if (inPlan === true) return { seen: l('да', 'yes'), ok: true };
    if (inPlan === false)
      return {
        seen: l('не: продуктите с варианти не се синхронизират', 'no: products with variants are not synced'),
        // Simple products still sync; the run names the plan for the others.
        ok: true,
        advice: new VariantsNotInPlan().text,
      };
    return { seen: l('неизвестно', 'unknown'), ok: null };
  });
}
