/**
 * The store price of a good, in one place: the chosen price column, VAT added when the database's
 * prices exclude it (CloudCart shows consumer prices with VAT) or taken off when the store's prices
 * exclude it (settings.store.pricesIncludeVat), converted between BGN and EUR at
 * the fixed rate when the two sides differ, then rounded to the cent, half away from zero
 * (the rounding rule of Bulgaria's euro changeover law). Result in minor units (cents/stotinki).
 */
export const BGN_PER_EUR = 1.95583;

export type Currency = 'BGN' | 'EUR';

export interface PriceContext {
  /** configkey20: whether the database's prices already include VAT. */
  vatIncluded: boolean;
  /** The good's VAT rate in percent (from its VAT group), e.g. 20 or 9. */
  vatRatePercent: number;
  databaseCurrency: Currency;
  storeCurrency: Currency;
  /**
   * Whether the store shows prices with VAT (the usual consumer store). A store whose prices
   * exclude VAT gets the net price: VAT is added at its checkout.
   */
  storePricesIncludeVat?: boolean;
}

export interface StorePrice {
  minor: number;
  /** How the number came about, for the plan and the audit log. */
  explain: string;
}

/** Rounds to whole cents, half away from zero, after removing binary noise (1.005 -> 1.01). */
export function roundToMinor(amount: number): number {
  const cents = Number((amount * 100).toFixed(6));
  return Math.sign(cents) * Math.round(Math.abs(cents));
}

export function convertCurrency(amount: number, from: Currency, to: Currency): number {
  if (from === to) return amount;
  return from === 'BGN' ? amount / BGN_PER_EUR : amount * BGN_PER_EUR;
}

export function storePrice(dbPrice: number, ctx: PriceContext): StorePrice {
  const base = Number.isFinite(dbPrice) ? Math.max(0, dbPrice) : 0;
  const rate = 1 + ctx.vatRatePercent / 100;
  const storeGross = ctx.storePricesIncludeVat !== false;
  const priced = storeGross ? (ctx.vatIncluded ? base : base * rate) : ctx.vatIncluded ? base / rate : base;
  const converted = convertCurrency(priced, ctx.databaseCurrency, ctx.storeCurrency);
  const minor = roundToMinor(converted);
  const steps = [`${fmt(base)} ${ctx.databaseCurrency}`];
  if (storeGross && !ctx.vatIncluded) steps.push(`+ ДДС ${ctx.vatRatePercent}% = ${fmt(priced)}`);
  if (!storeGross && ctx.vatIncluded) steps.push(`- ДДС ${ctx.vatRatePercent}% = ${fmt(priced)} (магазинът е без ДДС)`);
  if (ctx.databaseCurrency !== ctx.storeCurrency) {
    steps.push(`${ctx.databaseCurrency === 'BGN' ? '/' : '×'} ${BGN_PER_EUR} = ${fmt(converted)} ${ctx.storeCurrency}`);
  }
  steps.push(`-> ${(minor / 100).toFixed(2)} ${ctx.storeCurrency}`);
  return { minor, explain: steps.join(' ') };
}

function fmt(n: number): string {
  return Number(n.toFixed(4)).toString();
}

/** Rounds to `digits` decimals, half away from zero, after removing binary noise. */
export function roundTo(amount: number, digits: number): number {
  const scaled = Number((amount * 10 ** digits).toFixed(6));
  return (Math.sign(scaled) * Math.round(Math.abs(scaled))) / 10 ** digits;
}

/**
 * The other way, for goods downloaded from the store: the price as the database keeps it, so the
 * export sends back exactly the store's price. The store price includes VAT and is in the store's
 * currency: it is converted, VAT is removed when the database's prices exclude it (configkey20),
 * and it is rounded as Warehouse Pro rounds a typed price: to 2 decimals, half away from zero
 * (Warehouse Open: Warehouse.Business/Entities/Currency.cs `Round`, Warehouse.Data/Number.cs,
 * CurrencyPrecision 2). A net price of 2 decimals cannot always give a gross price back to the
 * cent (12.99 / 1.2 = 10.825: 10.82 -> 12.98, 10.83 -> 13.00), so then the fewest more decimals
 * that do are kept (Warehouse Pro's price columns are doubles).
 */
export function databasePrice(storeMinor: number, ctx: PriceContext): number {
  const gross = convertCurrency(storeMinor / 100, ctx.storeCurrency, ctx.databaseCurrency);
  const net = ctx.vatIncluded ? gross : gross / (1 + ctx.vatRatePercent / 100);
  for (let digits = 2; digits <= 6; digits++) {
    const price = roundTo(net, digits);
    if (storePrice(price, ctx).minor === storeMinor) return price;
  }
  return roundTo(net, 6);
}
