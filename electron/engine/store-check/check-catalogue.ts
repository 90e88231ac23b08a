/**
 * The rows of the store check: for each behaviour the sync relies on, its name, what CloudCart's
 * knowledge base (repository cloudcart/platform-wiki) documents, and the page that says so. What
 * the store was seen to do comes from the probes (`read-probes.ts`, `order-probes.ts`,
 * `write-test.ts`). The order here is the order of the table.
 */
import type { Localized } from '../../../shared/i18n/localized';

export interface RowSpec {
  behaviour: Localized;
  documented: Localized;
  source: string;
}

const W = 'wiki/api-resources';
const PRL = 'tools/overrides/concepts/platform-rate-limits.md';

const l = (bg: string, en: string): Localized => ({ bg, en });

export const ROWS = {
  auth: {
    behaviour: l('Ключ на API (X-CloudCart-ApiKey)', 'API key (X-CloudCart-ApiKey)'),
    documented: l('приет: 200; липсващ или грешен: 401', 'accepted: 200; missing or wrong: 401'),
    source: 'wiki/concepts/json-api-v2/json-api-auth.md',
  },
  'primary-domain': {
    behaviour: l('Достъп до API на този адрес (X-RateLimit-Limit)', 'API access at this address (X-RateLimit-Limit)'),
    documented: l(
      'заявки в минута по плана (50–800); 0 = не е основният домейн (www., *.cloudcart.net) или планът няма API',
      "the plan's requests a minute (50–800); 0 = not the primary domain (www., *.cloudcart.net) or a plan without API",
    ),
    source: PRL,
  },
  'reset-format': {
    behaviour: l('X-RateLimit-Reset', 'X-RateLimit-Reset'),
    documented: l(
      'сега + 60 s; форматът не е даден (Unix време или дата)',
      'now + 60 s; its format is not given (a Unix time or a date)',
    ),
    source: `${PRL}; CyberSecurityBG/awsbg-cloudcart src/Client.php`,
  },
  'paging-meta': {
    behaviour: l('Страниране (meta.page)', 'Paging (meta.page)'),
    documented: l(
      'current-page, per-page, from, to, total, last-page',
      'current-page, per-page, from, to, total, last-page',
    ),
    source: 'wiki/concepts/json-api-v2/json-api-pagination.md',
  },
  'page-size': {
    behaviour: l('Най-голяма страница (page[size])', 'Largest page (page[size])'),
    documented: l('1–100, по подразбиране 20; над 100: отказ (422)', '1–100, default 20; above 100: refused (422)'),
    source: 'wiki/concepts/json-api-v2/json-api-pagination.md',
  },
  'catalog-page': {
    behaviour: l(
      'Страница от каталога, както я чете експортът (include=variants)',
      'A catalog page as the export reads it (include=variants)',
    ),
    documented: l(
      'заявката спира след 30 s (504): поискайте по-малка page[size]',
      'a request ends after 30 s (504): ask for a smaller page[size]',
    ),
    source: PRL,
  },
  filters: {
    behaviour: l(
      'Филтрите на синхронизацията (filter[name], filter[sku], filter[item_id])',
      'The filters the sync uses (filter[name], filter[sku], filter[item_id])',
    ),
    documented: l('равенство по всяка колона; прилагат се', 'equality on every column; applied'),
    source: `wiki/concepts/json-api-v2/json-api-filtering-sorting.md; ${W}/api-variants.md`,
  },
  'lookup-miss': {
    behaviour: l(
      'Търсене на един запис без резултат (filter[url_handle])',
      'A single-record lookup that finds nothing',
    ),
    documented: l(
      'режим „един запис“; отговорът при липса не е описан (awsbg чете data: null)',
      'single-record mode; the answer to a miss is not described (awsbg reads data: null)',
    ),
    source: `${W}/api-categories.md; ${W}/api-products/api-products-filtering.md`,
  },
  'orders-read': {
    behaviour: l(
      'Поръчки от най-новата (sort=-id, include=products, адреси)',
      'Orders newest first (sort=-id, include=products, addresses)',
    ),
    documented: l(
      'сортиране по id, date_added, updated_at, date_archived; include products, billing-address, shipping-address',
      'sort on id, date_added, updated_at, date_archived; include products, billing-address, shipping-address',
    ),
    source: `${W}/api-orders/api-orders-attributes.md`,
  },
  'order-by-id': {
    behaviour: l('Една поръчка по номер (GET /orders/{id})', 'One order by its number (GET /orders/{id})'),
    documented: l('GET /orders/{id} със същите include', 'GET /orders/{id} with the same includes'),
    source: `${W}/api-orders.md`,
  },
  drafts: {
    behaviour: l('Чернови поръчки (от админ панела, is_draft)', 'Draft orders (made in the admin, is_draft)'),
    documented: l(
      'не е казано дали GET /orders ги връща (отворен въпрос)',
      'not said whether GET /orders lists them (open question)',
    ),
    source: 'wiki/concepts/cart-vs-order-lifecycle/order-state-machine.md; cloudcart-api.md Q4',
  },
  'order-vat': {
    behaviour: l('Цени в поръчките със или без ДДС (vat_included)', 'Order prices with or without VAT (vat_included)'),
    documented: l(
      'vat_included е в поръчката; дали API го показва, не е казано',
      'vat_included is on the order; whether the API shows it is not said',
    ),
    source: 'wiki/entities/order/order-entity-money.md',
  },
  currency: {
    behaviour: l('Валута на магазина (от най-новата поръчка)', "The store's currency (from the newest order)"),
    documented: l(
      'сумите са в стотинки/центове на валутата на магазина; валутата на поръчката е тази при поръчването',
      "money in minor units of the store's currency; an order keeps the currency it was placed in",
    ),
    source: `${W}/api-orders/api-orders-attributes.md; wiki/concepts/cart-vs-order-lifecycle.md`,
  },
  'variants-plan': {
    behaviour: l('Варианти в плана (multi_variants)', 'Variants in the plan (multi_variants)'),
    documented: l(
      'функция на плана; без нея заявките за варианти се отказват (кодът не е даден; функции на плана: 402)',
      'a plan feature; without it variant endpoints are refused (status not given; plan features: 402)',
    ),
    source:
      'wiki/features/products-variants-options/products-variants-api.md; wiki/concepts/json-api-v2/json-api-status-codes.md',
  },
  'write-test': {
    behaviour: l(
      'Проба със запис (създаване, четене, промяна, изтриване на един неактивен продукт)',
      'Write test (create, read back, update, delete one inactive product)',
    ),
    documented: l('POST, GET, PATCH, DELETE /products и /variants', 'POST, GET, PATCH, DELETE /products and /variants'),
    source: `${W}/api-products.md; ${W}/api-variants.md`,
  },
  'write-create': {
    behaviour: l(
      'Създаване на неактивен продукт, както го прави синхронизацията',
      'Create an inactive product as the sync does',
    ),
    documented: l('201; задължителни са name и category', '201; name and category are required'),
    source: `${W}/api-products/api-products-attributes.md`,
  },
  'post-defaults': {
    behaviour: l('Флагове: както са пратени, и подразбиранията на POST', 'Flags: as sent, and the POST defaults'),
    documented: l(
      'непратените флагове стават „no“ (digital, sale, draft; също shipping, tracking, new)',
      'flags not sent become "no" (digital, sale, draft; shipping, tracking, new too)',
    ),
    source: `${W}/api-products/api-products-side-effects.md; ${W}/api-products/api-products-attributes.md`,
  },
  'featured-form': {
    behaviour: l('featured: 0/1 или yes/no', 'featured: 0/1 or yes/no'),
    documented: l(
      'tinyint (api-products-attributes.md) или yes/no (product-entity-attributes.md): страниците се разминават',
      'tinyint (api-products-attributes.md) or yes/no (product-entity-attributes.md): the pages disagree',
    ),
    source: `${W}/api-products/api-products-attributes.md; wiki/entities/product/product-entity-attributes.md`,
  },
  'default-variant': {
    behaviour: l('Вариант по подразбиране при POST /products', 'Default variant on POST /products'),
    documented: l(
      'отворен въпрос: простият продукт „има един фантомен вариант“; кой го създава, не е казано',
      'open question: a simple product "still has one phantom default variant"; who makes it is not said',
    ),
    source: `${W}/api-variants.md; cloudcart-api.md Q1`,
  },
  'duplicate-variant': {
    behaviour: l('Втори вариант без опции', 'A second variant without options'),
    documented: l(
      'отказва се (пазач срещу втори фантомен вариант); кодът не е даден',
      'refused (the phantom-variant duplicate guard); the status is not given',
    ),
    source: `${W}/api-variants.md`,
  },
  units: {
    behaviour: l('Мерни единици: цена, тегло, количество', 'Units: price, weight, quantity'),
    documented: l(
      'цена: цяло число в стотинки/центове; тегло: цяло число в грамове; количество: 3 знака след точката',
      'price: an integer in minor units; weight: an integer in grams; quantity: 3 decimals',
    ),
    source: `${W}/api-variants.md`,
  },
  update: {
    behaviour: l(
      'Промяна (PATCH: цена и количество на варианта, име на продукта)',
      "Update (PATCH: the variant's price and quantity, the product's name)",
    ),
    documented: l('PATCH /variants/{id}, PATCH /products/{id}', 'PATCH /variants/{id}, PATCH /products/{id}'),
    source: `${W}/api-variants.md; ${W}/api-products.md`,
  },
  'time-zone': {
    behaviour: l('Часова зона на датите на магазина (date_added)', "The time zone of the store's dates (date_added)"),
    documented: l(
      'зоната не е дадена; само shipping_* се превръщат в зоната на сайта',
      "no zone is given; only shipping_* are cast to the site's zone",
    ),
    source: `${W}/api-orders/api-orders-attributes.md; cloudcart-api.md Q6`,
  },
  delete: {
    behaviour: l(
      'Изтриване на пробния продукт (DELETE /products/{id})',
      'Delete the throwaway product (DELETE /products/{id})',
    ),
    documented: l('меко изтриване; GET връща 404', 'a soft delete; a GET answers 404'),
    source: `${W}/api-products/api-products-side-effects.md`,
  },
} satisfies Record<string, RowSpec>;

export type RowId = keyof typeof ROWS;
export const ROW_ORDER = Object.keys(ROWS) as RowId[];

/** The rows of the read-only part, and those of the write test (`--write-test`). */
export const READ_ROWS: RowId[] = ROW_ORDER.slice(0, ROW_ORDER.indexOf('write-test'));
export const WRITE_ROWS: RowId[] = ROW_ORDER.slice(ROW_ORDER.indexOf('write-create'));
