/**
 * The sandbox's reads: collections with equality filters, sorting, `meta.page` paging and
 * `include`, and the single-record lookups CloudCart documents: `filter[name]` on variant-parameters
 * and variant-options (api-variant-parameters.md, api-variant-options.md), `filter[url_handle]` on
 * products and categories (api-products-filtering.md, api-categories.md). Those answer one object,
 * and a miss answers as the `lookupMiss` switch says.
 */
import type { SandboxBehaviour } from './sandbox-behaviour';
import type { ResourceType, Row, SandboxModel } from './sandbox-model';
import { Invalid } from './sandbox-invalid';

const SINGLE_RECORD: Partial<Record<ResourceType, string>> = {
  'variant-parameters': 'name',
  'variant-options': 'name',
  products: 'url_handle',
  categories: 'url_handle',
};

export class SandboxQuery {
  constructor(
    private readonly model: SandboxModel,
    private readonly behaviour: SandboxBehaviour,
  ) {}

  /** A row the API shows: an admin draft order is hidden when the store hides drafts. */
  visible(t: ResourceType, row: Row): boolean {
    return !(t === 'orders' && this.behaviour.draftOrders === 'hidden' && row.attributes.is_draft === 1);
  }

  list(t: ResourceType, url: URL): unknown {
    let rows = [...this.model.table(t).values()].filter((r) => this.visible(t, r));
    for (const [key, value] of url.searchParams) {
      const m = /^filter\[(.+)\]$/.exec(key);
      if (!m) continue;
      rows = this.filter(t, rows, m[1], value);
    }
    const single = SINGLE_RECORD[t];
    if (single && url.searchParams.has(`filter[${single}]`)) {
      if (rows.length) return { data: this.serialize(t, rows[0]), ...this.included(rows[0], url) };
      if (this.behaviour.lookupMiss === 'not-found') throw new Invalid(404, 'Not Found');
      return { data: null };
    }
    const sort = url.searchParams.get('sort') ?? 'id';
    const desc = sort.startsWith('-');
    const field = sort.replace(/^-/, '');
    rows.sort((a, b) => {
      const x = field === 'id' ? a.id : (a.attributes[field] as string | number);
      const y = field === 'id' ? b.id : (b.attributes[field] as string | number);
      return (x < y ? -1 : x > y ? 1 : 0) * (desc ? -1 : 1);
    });
    const size = Number(url.searchParams.get('page[size]') ?? 20);
    if (!Number.isInteger(size) || size < 1 || size > 100)
      throw new Invalid(422, 'The page[size] must be between 1 and 100.', null, 'page[size]');
    const number = Math.max(1, Number(url.searchParams.get('page[number]') ?? 1));
    const page = rows.slice((number - 1) * size, number * size);
    const lastPage = Math.max(1, Math.ceil(rows.length / size));
    const inc = page.map((r) => this.included(r, url).included ?? []).flat();
    return {
      data: page.map((r) => this.serialize(t, r)),
      ...(url.searchParams.get('include') ? { included: inc } : {}),
      meta: {
        page: {
          'current-page': number,
          'per-page': size,
          from: page.length ? (number - 1) * size + 1 : null,
          to: page.length ? (number - 1) * size + page.length : null,
          total: rows.length,
          'last-page': lastPage,
        },
      },
    };
  }

  private filter(t: ResourceType, rows: Row[], field: string, value: string): Row[] {
    if (t === 'products' && (field === 'sku' || field === 'barcode')) {
      const ids = new Set(
        [...this.model.table('variants').values()]
          .filter((v) => String(v.attributes[field]) === value)
          .map((v) => v.attributes.item_id),
      );
      return rows.filter((r) => ids.has(r.id));
    }
    if (field === 'id') return rows.filter((r) => String(r.id) === value);
    // Orders' named filters on date_added (api-orders.md; cloudcart-api.md §8.4): a day or a date-time.
    if (t === 'orders' && field === 'start_date')
      return rows.filter((r) => String(r.attributes.date_added ?? '') >= value);
    if (t === 'orders' && field === 'end_date') {
      const end = value.length === 10 ? `${value} 23:59:59` : value;
      return rows.filter((r) => String(r.attributes.date_added ?? '') <= end);
    }
    // The root of the category tree is parent_id 0 (api-categories.md's example) or null.
    if (field === 'parent_id' && (value === '0' || value === ''))
      return rows.filter((r) => r.attributes.parent_id === null || r.attributes.parent_id === undefined);
    // Names compare as CloudCart's validators do: trimmed, case-insensitively.
    if (field === 'name')
      return rows.filter(
        (r) =>
          String(r.attributes.name ?? '')
            .trim()
            .toLowerCase() === value.trim().toLowerCase(),
      );
    return rows.filter((r) => String(r.attributes[field] ?? '') === value);
  }

  included(row: Row, url: URL): { included?: unknown[] } {
    const include = (url.searchParams.get('include') ?? '').split(',').filter(Boolean);
    if (!include.length) return {};
    const out: unknown[] = [];
    for (const name of include) {
      if (name === 'variants') for (const v of this.model.variantsOf(row.id)) out.push(this.serialize('variants', v));
      const r = row.rel[name];
      const refs =
        Array.isArray(r) && Array.isArray(r[0]) ? (r as [string, number][]) : r ? [r as [string, number]] : [];
      for (const [type, id] of refs) {
        const target = this.model.table(type as ResourceType)?.get(id);
        if (target) out.push(this.serialize(type as ResourceType, target));
      }
    }
    return { included: out };
  }

  serialize(t: ResourceType, row: Row) {
    const relationships: Record<string, unknown> = {};
    for (const [name, r] of Object.entries(row.rel)) {
      if (r === null) relationships[name] = { data: null };
      else if (Array.isArray(r[0]))
        relationships[name] = { data: (r as [string, number][]).map(([type, id]) => ({ type, id: String(id) })) };
      else relationships[name] = { data: { type: r[0], id: String(r[1]) } };
    }
    if (t === 'products')
      relationships.variants = {
        data: this.model.variantsOf(row.id).map((v) => ({ type: 'variants', id: String(v.id) })),
      };
    return { type: t, id: String(row.id), attributes: row.attributes, relationships };
  }
}
