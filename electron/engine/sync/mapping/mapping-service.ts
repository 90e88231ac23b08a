/**
 * The mapping view's engine side (B9): the rows of a server's good <-> store variant links, the
 * hand-made changes (link, relink, unlink, release) and the mapping CSV (export; import as a
 * dry-run report first, applied only as planned). Every change is recorded as a `mapping` run with
 * one item per link changed, so it is in the history and the audit CSV like a sync run's changes.
 * Links are changed only while no export or download of the server runs (those hold the links in
 * memory and would overwrite a change made under them); the export picks changes up on its next run.
 */
import { randomUUID } from 'node:crypto';
import type { CountKey, ItemAction, ItemKind } from '../../../../shared/types/vocabulary';
import type { MappingImportReport, MappingView } from '../../../../shared/types/mapping';
import type { ServerProfileView } from '../../../../shared/types/server-profile';
import type { RunItem } from '../../../../shared/types/sync';
import { AppError } from '../../errors';
import type { StateDb } from '../../state/state-db';
import { toCsv } from '../csv';
import { goodLabel } from '../good-label';
import type { StorePort, WarehousePort, WpGood } from '../ports';
import type { SyncState, VariantLink } from '../sync-state';
import { keyOf, storeVariantLabel } from '../tasks/export-catalog';
import { readCsv } from './csv-read';
import { planMappingImport } from './mapping-import';
import { mappingRows, snapshotVariants } from './mapping-rows';
import { toSnapshot } from './store-snapshot';

/** Where the view reads from: the profile's database, and (only when asked) its store. */
export interface MappingSources {
  warehouse(profile: ServerProfileView): Promise<WarehousePort & { close(): Promise<void> }>;
  store(profile: ServerProfileView, onRequest: () => void): StorePort;
}

/** A mapping run's item, in the engine-UI vocabulary like every run's. */
type Item = Omit<RunItem, 'at' | 'kind' | 'action'> & { kind: ItemKind; action: ItemAction };

export class MappingService {
  constructor(
    private readonly db: StateDb,
    private readonly state: SyncState,
    private readonly profile: (serverId: string) => ServerProfileView,
    private readonly sources: MappingSources,
    /** True while a run that holds the server's links (export, download) is under way. */
    private readonly linksInUse: (serverId: string) => boolean,
  ) {}

  /** The rows; with `readStore`, the store's catalog is read first (and its request count told). */
  async view(serverId: string, readStore = false): Promise<MappingView> {
    const profile = this.profile(serverId);
    let requests = 0;
    if (readStore) requests = await this.readStore(profile);
    const { goods, outside } = await this.goods(profile);
    const snapshot = this.state.storeSnapshot(serverId);
    const rows = mappingRows({
      goods,
      links: this.state.links(serverId),
      snapshot,
      keptOut: this.state.keptOut(serverId),
      compareBy: profile.settings.compareBy,
      outside,
    });
    const info = snapshot
      ? { takenAt: snapshot.takenAt, source: snapshot.source, requests: snapshot.requests, variants: snapshot.variants }
      : null;
    return { compareBy: profile.settings.compareBy, rows, snapshot: info, requests };
  }

  /** Links a good to a store variant by hand (or moves its link there): the export sends to that variant. */
  async link(serverId: string, goodId: number, variantId: string): Promise<{ runId: string }> {
    const profile = this.profile(serverId);
    this.refuseWhileRunning(serverId);
    const { goods } = await this.goods(profile);
    const good = goods.find((g) => g.id === goodId);
    if (!good)
      throw new AppError('not_found', {
        bg: `Стока #${goodId} не е сред стоките от групите за експорт. Само те могат да бъдат свързани.`,
        en: `Good #${goodId} is not among the goods of the exported groups. Only those can be linked.`,
      });
    const variant = snapshotVariants(this.state.storeSnapshot(serverId)).get(variantId);
    if (!variant)
      throw new AppError('not_found', {
        bg: `Вариант #${variantId} не е в последното прочитане на магазина. Натиснете „Прочети магазина“ и опитайте отново.`,
        en: `Variant #${variantId} is not in the newest read of the store. Press "Read the store" and try again.`,
      });
    const links = this.state.links(serverId);
    const holder = [...links.values()].find((l) => l.variantId === variantId && l.goodId !== goodId);
    if (holder) {
      const other = goods.find((g) => g.id === holder.goodId);
      const name = other ? goodLabel(other) : `#${holder.goodId}`;
      throw new AppError('conflict', {
        bg: `Този вариант вече е свързан със стоката ${name}. Първо я развържете.`,
        en: `This variant is already linked to the good ${name}. Unlink that one first.`,
      });
    }
    const item = this.linkItem(serverId, good, { id: variantId, productId: variant.productId }, links.get(goodId));
    item.explain = storeVariantLabel({ ...variant, price: 0, quantity: 0 }, variant.productName);
    return { runId: this.record(serverId, [item], { linkedByHand: 1 }) };
  }

  /**
   * Unlinks a good and keeps it out: the next exports neither match it by key (which would link it
   * again to the same variant) nor create it, until it is linked by hand or released. The store's
   * variant is left as it is.
   */
  async unlink(serverId: string, goodId: number): Promise<{ runId: string }> {
    const profile = this.profile(serverId);
    this.refuseWhileRunning(serverId);
    const link = this.state.links(serverId).get(goodId);
    if (!link)
      throw new AppError('not_found', {
        bg: `Стока #${goodId} не е свързана с вариант в магазина.`,
        en: `Good #${goodId} is not linked to a store variant.`,
      });
    const ref = await this.refOf(profile, goodId);
    this.db.transaction(() => {
      this.state.deleteLink(serverId, goodId);
      this.state.keepOut(serverId, goodId);
    })();
    const item: Item = {
      kind: 'link',
      ref,
      action: 'unlink',
      oldValue: `${link.productId}/${link.variantId}`,
      newValue: null,
      explain: 'държи се настрана до ново свързване / kept out until linked again',
      status: 'done',
      message: null,
    };
    return { runId: this.record(serverId, [item], { unlinkedByHand: 1 }) };
  }

  /** Lets a kept-out good be matched by key (or created) by the next export again. */
  async release(serverId: string, goodId: number): Promise<{ runId: string }> {
    const profile = this.profile(serverId);
    this.refuseWhileRunning(serverId);
    if (!this.state.keptOut(serverId).has(goodId))
      throw new AppError('not_found', {
        bg: `Стока #${goodId} не е оставена настрана.`,
        en: `Good #${goodId} is not kept out.`,
      });
    const ref = await this.refOf(profile, goodId);
    this.state.release(serverId, goodId);
    const item: Item = {
      kind: 'link',
      ref,
      action: 'release',
      oldValue: 'kept out',
      newValue: null,
      explain: 'следващият експорт я свързва по ключ или я създава / the next export matches it by key or creates it',
      status: 'done',
      message: null,
    };
    return { runId: this.record(serverId, [item], { released: 1 }) };
  }

  /** One row per link: good id, code, barcode, SKU, store product id, store variant id (and the name). */
  async exportCsv(serverId: string): Promise<{ filename: string; csv: string; rows: number }> {
    const profile = this.profile(serverId);
    const { goods, outside } = await this.goods(profile);
    const byId = new Map(goods.map((g) => [g.id, g]));
    const links = [...this.state.links(serverId).values()].sort((a, b) => a.goodId - b.goodId);
    const csv = toCsv(
      ['good_id', 'good_code', 'barcode', 'sku', 'store_product_id', 'store_variant_id', 'good_name'],
      links.map((l) => {
        const g = byId.get(l.goodId);
        const named = g ?? outside.get(l.goodId);
        return [
          l.goodId,
          named?.code ?? '',
          g?.barcode1.trim() ?? '',
          g?.barcode2.trim() ?? '',
          l.productId,
          l.variantId,
          named?.name ?? '',
        ];
      }),
      ';',
    );
    const safe = profile.name.replace(/[^\p{L}\p{N}_-]+/gu, '-');
    return {
      filename: `sklad-sync-mapping-${safe}-${new Date().toISOString().slice(0, 10)}.csv`,
      csv,
      rows: links.length,
    };
  }

  /** The dry-run report of a mapping CSV: nothing changes. */
  async planImport(serverId: string, csv: string): Promise<MappingImportReport> {
    const profile = this.profile(serverId);
    const { goods } = await this.goods(profile);
    return planMappingImport({
      records: readCsv(csv),
      goods,
      links: this.state.links(serverId),
      snapshot: this.state.storeSnapshot(serverId),
    });
  }

  /**
   * Applies the rows that link or relink, all at once, but only if planning the file again gives
   * exactly the report the user saw (`digest`): anything changed meanwhile, and nothing is applied.
   */
  async applyImport(serverId: string, csv: string, digest: string): Promise<MappingImportReport> {
    const profile = this.profile(serverId);
    this.refuseWhileRunning(serverId);
    const { goods } = await this.goods(profile);
    const links = this.state.links(serverId);
    const snapshot = this.state.storeSnapshot(serverId);
    const report = planMappingImport({ records: readCsv(csv), goods, links, snapshot });
    if (report.digest !== digest)
      throw new AppError('conflict', {
        bg: 'Съответствията или магазинът се промениха след проверката на файла. Нищо не е приложено: проверете файла отново.',
        en: 'The links or the store changed after the file was checked. Nothing was applied: check the file again.',
      });
    const byId = new Map(goods.map((g) => [g.id, g]));
    const variants = snapshotVariants(snapshot);
    const todo = report.rows.filter((r) => r.verdict === 'link' || r.verdict === 'relink');
    if (todo.length === 0) return report;
    const items: Item[] = [];
    this.db.transaction(() => {
      for (const r of todo) {
        const v = variants.get(r.variantId!)!;
        const item = this.linkItem(
          serverId,
          byId.get(r.goodId!)!,
          { id: v.id, productId: v.productId },
          links.get(r.goodId!),
        );
        item.explain = `CSV, ред ${r.line} / line ${r.line}: ${r.variantLabel}`;
        items.push(item);
      }
    })();
    const runId = this.record(serverId, items, { linkedFromCsv: items.length });
    return { ...report, runId, applied: items.length };
  }

  /** Saves the link of a good to a variant (no values sent yet: the next export sends price and quantity). */
  private linkItem(
    serverId: string,
    good: WpGood,
    variant: { id: string; productId: string },
    before?: VariantLink,
  ): Item {
    const profile = this.profile(serverId);
    this.state.saveLink(serverId, {
      goodId: good.id,
      productId: variant.productId,
      variantId: variant.id,
      matchKey: keyOf(good, profile.settings.compareBy),
      lastPrice: null,
      lastQuantity: null,
      lastActive: null,
    });
    this.state.release(serverId, good.id);
    return {
      kind: 'link',
      ref: goodLabel(good),
      action: before ? 'relink' : 'link',
      oldValue: before ? `${before.productId}/${before.variantId}` : null,
      newValue: `${variant.productId}/${variant.id}`,
      explain: null,
      status: 'done',
      message: null,
    };
  }

  /** A finished `mapping` run with the changes as its items: the audit trail of hand-made changes. */
  private record(serverId: string, items: Item[], counts: { [K in CountKey]?: number }, requests = 0): string {
    const id = randomUUID();
    this.state.createRun({ id, serverId, task: 'mapping', dryRun: false });
    this.state.addItems(id, items);
    this.state.updateRun(id, {
      phase: 'mapping',
      done: items.length,
      total: items.length,
      counts: counts as Record<string, number>,
      requests,
    });
    this.state.finishRun(id, 'succeeded', null);
    return id;
  }

  /** Reads the whole store catalog into the snapshot; the read is recorded with its request count. */
  private async readStore(profile: ServerProfileView): Promise<number> {
    let requests = 0;
    const store = this.sources.store(profile, () => (requests += 1));
    const catalog = await store.catalog();
    const snapshot = toSnapshot(catalog, 'mapping', requests);
    this.state.saveStoreSnapshot(profile.id, snapshot);
    const item: Item = {
      kind: 'catalog',
      ref: profile.store.domain,
      action: 'read',
      oldValue: null,
      newValue: `${catalog.length} / ${snapshot.variants}`,
      explain: 'продукти / варианти, прочетени за „Съответствия“ / products / variants read for "Mapping"',
      status: 'done',
      message: null,
    };
    this.record(profile.id, [item], { products: catalog.length, variants: snapshot.variants }, requests);
    return requests;
  }

  private async goods(profile: ServerProfileView) {
    const wp = await this.sources.warehouse(profile);
    try {
      const ex = profile.settings.exportTask;
      const goods = await wp.goodsForExport(ex.goodsGroups, ex.priceColumn);
      const inScope = new Set(goods.map((g) => g.id));
      const missing = [...this.state.links(profile.id).keys()].filter((id) => !inScope.has(id));
      const outside = missing.length ? await wp.goodLabels(missing) : new Map<number, { code: string; name: string }>();
      return { goods, outside };
    } finally {
      await wp.close().catch(() => undefined);
    }
  }

  private async refOf(profile: ServerProfileView, goodId: number): Promise<string> {
    const { goods, outside } = await this.goods(profile);
    const named = goods.find((g) => g.id === goodId) ?? outside.get(goodId);
    return named ? goodLabel(named) : `#${goodId}`;
  }

  private refuseWhileRunning(serverId: string): void {
    if (this.linksInUse(serverId))
      throw new AppError('conflict', {
        bg: 'Сега тече експорт или изтегляне за този сървър. Изчакайте го да свърши и опитайте отново.',
        en: 'An export or download of this server is running now. Wait for it to end and try again.',
      });
  }
}
