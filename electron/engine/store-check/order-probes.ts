/**
 * The order probes of the store check, all read-only: the listing the import reads (newest first,
 * with lines and addresses), one order by its number, whether admin drafts are listed, and from
 * the newest orders the two facts the API does not always state: VAT in the prices and the
 * store's currency, compared with the server's settings.
 */
import type { Doc, Resource } from '../cloudcart-client/json-api-doc';
import { asList } from '../cloudcart-client/json-api-doc';
import { isDraftOrder, ORDER_INCLUDE, orderById, toOrder } from '../cloudcart-client/order-reader';
import { l, notChecked, statusOf, type CheckContext } from './check-context';

const NO_ORDER = l('в магазина още няма поръчка', 'the store has no order yet');

export async function probeOrders(ctx: CheckContext): Promise<void> {
  let newest: { rows: Resource[]; included: Resource[] } | null = null;
  await ctx.probe('orders-read', async () => {
    const res = await ctx.http.send<Doc>('GET', `/orders?sort=-id&${ORDER_INCLUDE}&page[size]=5&page[number]=1`);
    const rows = asList(res.data, 'GET /orders');
    newest = { rows, included: res.data?.included ?? [] };
    if (rows.length === 0)
      return {
        seen: l(
          'още няма поръчки; сортирането и include са приети',
          'no orders yet; the sort and include were accepted',
        ),
        ok: true,
      };
    const ids = rows.map((r) => Number(r.id));
    const descending = ids.every((id, i) => i === 0 || id < ids[i - 1]);
    const withLines = rows.filter((r) => toOrder(r, newest!.included).lines.length > 0).length;
    const listed = rows.length === 1 ? `1 (#${ids[0]})` : `${rows.length} (#${ids[0]}…#${ids[ids.length - 1]})`;
    if (!descending)
      return {
        seen: l(`не са от най-новата: ${ids.join(', ')}`, `not newest first: ${ids.join(', ')}`),
        ok: false,
        advice: l(
          'Импортът чете от най-новата поръчка надолу до последната внесена; без това подреждане би пропуснал поръчки. Пишете на поддръжката на CloudCart.',
          'The import reads from the newest order down to the last one it imported; without this order it would miss orders. Contact CloudCart support.',
        ),
      };
    if (withLines < rows.length)
      return {
        seen: l(
          `${listed}, от най-новата; ${rows.length - withLines} без редове в included`,
          `${listed}, newest first; ${rows.length - withLines} without lines in included`,
        ),
        ok: false,
        advice: l(
          'Без редовете (include=products) поръчката не може да се запише. Пишете на поддръжката на CloudCart.',
          'Without its lines (include=products) an order cannot be written. Contact CloudCart support.',
        ),
      };
    return { seen: l(`${listed}, от най-новата, с редовете`, `${listed}, newest first, with their lines`), ok: true };
  });

  const listed = (newest as { rows: Resource[] } | null)?.rows ?? [];
  // The newest real order: a draft's VAT and currency are the merchant's work in progress.
  const first: Resource | undefined = listed.find((o) => !isDraftOrder(o)) ?? listed[0];
  const included = (newest as { included: Resource[] } | null)?.included ?? [];
  if (!first) {
    const why = newest ? NO_ORDER : l('списъкът с поръчки не се прочете', 'the order list could not be read');
    for (const id of ['order-by-id', 'order-vat', 'currency'] as const) ctx.record(id, notChecked(why));
  } else {
    await probeOrderById(ctx, first, included);
    probeVat(ctx, first);
    probeCurrency(ctx, first);
  }
  await probeDrafts(ctx, listed);
}

async function probeOrderById(ctx: CheckContext, listed: Resource, included: Resource[]): Promise<void> {
  await ctx.probe('order-by-id', async () => {
    const order = await orderById(ctx.http, listed.id);
    const expected = toOrder(listed, included).lines.length;
    if (!order)
      return {
        seen: l(`#${listed.id}: 404, а е в списъка`, `#${listed.id}: 404, yet it is listed`),
        ok: false,
        advice: l(
          'Поръчка, която чака ръчна намеса, се чете отново по номер. Пишете на поддръжката на CloudCart.',
          'An order that needs a hand is read again by its number. Contact CloudCart support.',
        ),
      };
    const same = order.id === listed.id && order.lines.length === expected;
    return {
      seen: l(`#${order.id}, редове: ${order.lines.length}`, `#${order.id}, lines: ${order.lines.length}`),
      ok: same,
      advice: same
        ? null
        : l(
            `В списъка поръчката има ${expected} реда. Пишете на поддръжката на CloudCart.`,
            `In the list the order has ${expected} lines. Contact CloudCart support.`,
          ),
    };
  });
}

function probeVat(ctx: CheckContext, order: Resource): void {
  const flag = toOrder(order, []).vatIncluded;
  const setting = ctx.facts.pricesIncludeVat;
  const word = (b: boolean) => (b ? l('с ДДС', 'with VAT') : l('без ДДС', 'without VAT'));
  if (flag === null) {
    ctx.record('order-vat', {
      seen: l(
        `не се показва: важи настройката (цени ${word(setting).bg})`,
        `not shown: the setting holds (prices ${word(setting).en})`,
      ),
      ok: true,
    });
    return;
  }
  const matches = flag === setting;
  ctx.record('order-vat', {
    seen: l(
      `#${order.id}: ${flag ? 'yes' : 'no'} (цени ${word(flag).bg}; настройката: ${word(setting).bg})`,
      `#${order.id}: ${flag ? 'yes' : 'no'} (prices ${word(flag).en}; the setting: ${word(setting).en})`,
    ),
    ok: matches,
    advice: matches
      ? null
      : l(
          `${flag ? 'Сложете' : 'Махнете'} отметката „Цените в магазина са с ДДС“ в настройките на сървъра (раздел Магазин): експортът праща цените според нея.`,
          `${flag ? 'Tick' : 'Untick'} "The store's prices include VAT" in the server's settings (Store tab): the export sends prices by it.`,
        ),
  });
}

function probeCurrency(ctx: CheckContext, order: Resource): void {
  const currency = String(order.attributes.currency ?? '').toUpperCase();
  const setting = ctx.facts.storeCurrency;
  if (!currency) {
    ctx.record('currency', { seen: l('не се показва', 'not shown'), ok: null });
    return;
  }
  const matches = currency === setting;
  ctx.record('currency', {
    seen: l(
      `#${order.id}: ${currency} (настройката: ${setting})`,
      `#${order.id}: ${currency} (the setting: ${setting})`,
    ),
    ok: matches,
    advice: matches
      ? null
      : l(
          `Изберете „Валута на магазина“ ${currency} в настройките на сървъра (раздел Магазин): цените се превръщат по нея (1 EUR = 1,95583 BGN).`,
          `Choose "Store currency" ${currency} in the server's settings (Store tab): prices are converted by it (1 EUR = 1.95583 BGN).`,
        ),
  });
}

/**
 * Admin drafts (`is_draft`, order-state-machine.md): whether the list shows them is not written
 * anywhere. The import never writes a draft and keeps its watermark below the oldest one listed,
 * so the order is imported once it is placed. A store that hides drafts cannot be told apart from
 * one without drafts, read-only: the row says so.
 */
async function probeDrafts(ctx: CheckContext, newest: Resource[]): Promise<void> {
  await ctx.probe('drafts', async () => {
    let rows: Resource[];
    try {
      rows = asList(
        (await ctx.http.send<Doc>('GET', '/orders?filter[is_draft]=1&page[size]=5&page[number]=1')).data,
        'GET /orders',
      );
    } catch (err) {
      const status = statusOf(err);
      if (status === null || status >= 500) throw err;
      const inList = newest.filter(isDraftOrder).length;
      return {
        seen: l(
          `filter[is_draft] отказан (${status}); ${inList} чернови сред най-новите`,
          `filter[is_draft] refused (${status}); ${inList} drafts among the newest`,
        ),
        ok: true,
      };
    }
    const drafts = rows.filter(isDraftOrder);
    const shown = newest.some((o) => o.attributes.is_draft !== undefined);
    if (drafts.length > 0)
      return {
        seen: l(
          `показват се: ${drafts.length} (is_draft = 1, #${drafts.map((d) => d.id).join(', #')})`,
          `listed: ${drafts.length} (is_draft = 1, #${drafts.map((d) => d.id).join(', #')})`,
        ),
        ok: true,
        advice: l(
          'Импортът не записва чернова; записва я, когато бъде създадена като поръчка.',
          'The import never writes a draft; it writes it once it is placed as an order.',
        ),
      };
    if (rows.length > 0)
      return {
        seen: l(
          `filter[is_draft] е пренебрегнат (${rows.length} поръчки без is_draft = 1)`,
          `filter[is_draft] was ignored (${rows.length} orders without is_draft = 1)`,
        ),
        ok: true,
      };
    return {
      seen: l(
        `няма видима чернова (няма такива или магазинът ги крие); is_draft ${shown ? 'се показва' : 'не се показва'} в поръчките`,
        `no draft listed (there is none, or the store hides them); is_draft ${shown ? 'is' : 'is not'} shown on orders`,
      ),
      ok: true,
    };
  });
}
