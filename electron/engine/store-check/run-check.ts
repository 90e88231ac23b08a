/**
 * The store conformance check (B20): probes a store for every behaviour the sync relies on and
 * says, line by line, what is documented and what was seen. Read-only unless the write test is
 * asked for. It goes through the sync's own client, bounded like the connection test (a 429 or
 * a store that does not answer ends it in seconds, not minutes), and gives back what it observed
 * where the wiki is open, for the sync to start from (`check-report.ts`).
 */
import { randomBytes } from 'node:crypto';
import type { Localized } from '../../../shared/i18n/localized';
import type { CheckRow, StoreCompatibility, StoreFacts } from '../../../shared/types/store-check';
import { CloudCartStore } from '../cloudcart-client/cloudcart-store';
import type { RequestInfo } from '../cloudcart-client/http';
import { saveCheckReport } from './check-report';
import { READ_ROWS, ROW_ORDER, WRITE_ROWS } from './check-catalogue';
import { CheckContext, l, notChecked } from './check-context';
import { probeOrders } from './order-probes';
import { probeAccess, probeFilters, probeLookupMiss, probePages, probeVariantsPlan } from './read-probes';
import { writeTest, type WriteOutcome } from './write-test';

export interface CheckOptions {
  domain: string;
  apiKey: string;
  facts: StoreFacts;
  /** Create, read back, update and delete one inactive product. */
  writeTest: boolean;
  /** The store's rate window (60 s on CloudCart; tests shorten the sandbox's). */
  rateWindowMs?: number;
  onRequest?: (info: RequestInfo) => void;
}

export async function runStoreCheck(o: CheckOptions): Promise<StoreCompatibility> {
  let requests = 0;
  const store = new CloudCartStore({
    domain: o.domain,
    apiKey: o.apiKey,
    maxRetries: 1,
    // Two 429s in a row end the check with the limit's message: it should not sit out minutes.
    maxThrottled: 2,
    timeoutMs: 15_000,
    deadlineMs: 20_000,
    rateWindowMs: o.rateWindowMs,
    onRequest: (info) => {
      requests++;
      o.onRequest?.(info);
    },
  });
  const ctx = new CheckContext(store, o.facts, randomBytes(4).toString('hex'));
  const checkedAt = new Date().toISOString();
  const reachable = await probeAccess(ctx);
  if (reachable) {
    const catalog = await probePages(ctx);
    await probeFilters(ctx, catalog);
    await probeLookupMiss(ctx);
    await probeOrders(ctx);
    await probeVariantsPlan(ctx);
  }
  for (const id of READ_ROWS)
    if (!ctx.has(id))
      ctx.record(
        id,
        notChecked(l('магазинът не може да се използва (вижте по-горе)', 'the store cannot be used (see above)')),
      );

  let outcome: WriteOutcome | null = null;
  if (o.writeTest && reachable) outcome = await writeTest(ctx);
  else
    ctx.record('write-test', {
      seen: o.writeTest
        ? l('не е пусната: магазинът не може да се използва', 'not run: the store cannot be used')
        : l(
            'не е пусната (--write-test: създава и изтрива един неактивен продукт)',
            'not run (--write-test: makes and deletes one inactive product)',
          ),
      ok: null,
    });

  const shown = ROW_ORDER.filter((id) => (outcome ? id !== 'write-test' : !WRITE_ROWS.includes(id)));
  const rows = shown.map((id) => ctx.row(id)).filter((r): r is CheckRow => Boolean(r));
  const ok = reachable && rows.every((r) => r.ok !== false);
  const { featuredForm, defaultVariant, defaultVariantRefusal, variantsInPlan } = store.observed;
  return {
    ok,
    domain: o.domain,
    checkedAt,
    writeTest: outcome ? outcome.state : 'not-run',
    rows,
    summary: summaryOf(rows, ok, outcome !== null),
    observed: { featuredForm, defaultVariant, defaultVariantRefusal, variantsInPlan },
    leftBehind: outcome?.leftBehind ?? null,
    requests,
    reportFile: null,
  };
}

function summaryOf(rows: CheckRow[], ok: boolean, wrote: boolean): Localized {
  const checked = rows.filter((r) => r.ok !== null).length;
  if (ok) {
    const noWrite = wrote
      ? { bg: '', en: '' }
      : {
          bg: ' Пробата със запис не е пусната.',
          en: ' The write test was not run.',
        };
    return l(
      `Всичко, на което разчита синхронизацията, е в ред (${checked} проверки).${noWrite.bg}`,
      `Everything the sync relies on holds (${checked} checks).${noWrite.en}`,
    );
  }
  const failing = rows.filter((r) => r.ok === false);
  const first = failing[0]?.advice;
  return l(
    `Не е в ред: ${failing.map((r) => r.behaviour.bg).join('; ')}.${first ? ` ${first.bg}` : ''}`,
    `Does not hold: ${failing.map((r) => r.behaviour.en).join('; ')}.${first ? ` ${first.en}` : ''}`,
  );
}

/** Runs the check and saves its report in the data folder; the result names the file. */
export async function checkAndSave(
  dataDir: string,
  options: CheckOptions,
  server: { id: string; name: string } | null,
): Promise<StoreCompatibility> {
  const result = await runStoreCheck(options);
  return { ...result, reportFile: saveCheckReport(dataDir, result, server) };
}
