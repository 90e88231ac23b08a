/**
 * The engine's bookkeeping in the state database: one facade over its parts, each beside its
 * tables in `state/`: the runs and their audit trail, the mapping (links, categories, fields last
 * sent), the watermarks, the attention list and the order imports. A caller that needs one
 * concern can take that part (`state.mappingStore`, ...); the bound methods below keep the one
 * handle the tasks pass around.
 */
import type { StateDb } from '../state/state-db';
import { RunLedger } from './state/run-ledger';
import { Watermarks } from './state/watermarks';
import { MappingStore } from './state/mapping-store';
import { AttentionList } from './state/attention-list';
import { OrderLedger } from './state/order-ledger';
import { OrderDocs } from './state/order-docs';

export type { ProductFields, VariantLink, PendingProduct, MatchDecision, StoreSnapshot } from './state/mapping-store';

export class SyncState {
  readonly runLedger: RunLedger;
  readonly watermarkStore: Watermarks;
  readonly mappingStore: MappingStore;
  readonly attentionList: AttentionList;
  readonly orderLedger: OrderLedger;
  /** The imported order documents the follow-up keeps track of (issue 15 point 7). */
  readonly docs: OrderDocs;
  readonly createRun: RunLedger['createRun'];
  readonly setRevertOf: RunLedger['setRevertOf'];
  readonly updateRun: RunLedger['updateRun'];
  readonly finishRun: RunLedger['finishRun'];
  readonly failInterruptedRuns: RunLedger['failInterruptedRuns'];
  readonly listRuns: RunLedger['listRuns'];
  readonly getRun: RunLedger['getRun'];
  readonly lastRun: RunLedger['lastRun'];
  readonly addItems: RunLedger['addItems'];
  readonly runItems: RunLedger['runItems'];
  readonly auditRows: RunLedger['auditRows'];
  readonly watermark: Watermarks['watermark'];
  readonly setWatermark: Watermarks['setWatermark'];
  readonly lastOrderImportAt: Watermarks['lastOrderImportAt'];
  readonly links: MappingStore['links'];
  readonly saveLink: MappingStore['saveLink'];
  readonly forgetServerLinks: MappingStore['forgetServerLinks'];
  readonly deleteLink: MappingStore['deleteLink'];
  readonly categories: MappingStore['categories'];
  readonly saveCategory: MappingStore['saveCategory'];
  readonly productFields: MappingStore['productFields'];
  readonly saveProductFields: MappingStore['saveProductFields'];
  readonly notePendingProduct: MappingStore['notePendingProduct'];
  readonly pendingProduct: MappingStore['pendingProduct'];
  readonly clearPendingProduct: MappingStore['clearPendingProduct'];
  readonly matchDecision: MappingStore['matchDecision'];
  readonly saveMatchDecision: MappingStore['saveMatchDecision'];
  readonly keepOut: MappingStore['keepOut'];
  readonly release: MappingStore['release'];
  readonly keptOut: MappingStore['keptOut'];
  readonly saveStoreSnapshot: MappingStore['saveStoreSnapshot'];
  readonly storeSnapshot: MappingStore['storeSnapshot'];
  readonly flag: AttentionList['flag'];
  readonly resolve: AttentionList['resolve'];
  readonly attention: AttentionList['attention'];
  readonly touchAttention: AttentionList['touchAttention'];
  readonly recordOrderImport: OrderLedger['recordOrderImport'];
  readonly importedOrders: OrderLedger['importedOrders'];
  readonly setUsnPending: OrderLedger['setUsnPending'];
  readonly pendingUsn: OrderLedger['pendingUsn'];

  constructor(db: StateDb) {
    this.runLedger = new RunLedger(db);
    this.watermarkStore = new Watermarks(db);
    this.mappingStore = new MappingStore(db, this.watermarkStore);
    this.attentionList = new AttentionList(db);
    this.orderLedger = new OrderLedger(db);
    this.docs = new OrderDocs(db);
    this.createRun = this.runLedger.createRun.bind(this.runLedger);
    this.setRevertOf = this.runLedger.setRevertOf.bind(this.runLedger);
    this.updateRun = this.runLedger.updateRun.bind(this.runLedger);
    this.finishRun = this.runLedger.finishRun.bind(this.runLedger);
    this.failInterruptedRuns = this.runLedger.failInterruptedRuns.bind(this.runLedger);
    this.listRuns = this.runLedger.listRuns.bind(this.runLedger);
    this.getRun = this.runLedger.getRun.bind(this.runLedger);
    this.lastRun = this.runLedger.lastRun.bind(this.runLedger);
    this.addItems = this.runLedger.addItems.bind(this.runLedger);
    this.runItems = this.runLedger.runItems.bind(this.runLedger);
    this.auditRows = this.runLedger.auditRows.bind(this.runLedger);
    this.watermark = this.watermarkStore.watermark.bind(this.watermarkStore);
    this.setWatermark = this.watermarkStore.setWatermark.bind(this.watermarkStore);
    this.lastOrderImportAt = this.watermarkStore.lastOrderImportAt.bind(this.watermarkStore);
    this.links = this.mappingStore.links.bind(this.mappingStore);
    this.saveLink = this.mappingStore.saveLink.bind(this.mappingStore);
    this.forgetServerLinks = this.mappingStore.forgetServerLinks.bind(this.mappingStore);
    this.deleteLink = this.mappingStore.deleteLink.bind(this.mappingStore);
    this.categories = this.mappingStore.categories.bind(this.mappingStore);
    this.saveCategory = this.mappingStore.saveCategory.bind(this.mappingStore);
    this.productFields = this.mappingStore.productFields.bind(this.mappingStore);
    this.saveProductFields = this.mappingStore.saveProductFields.bind(this.mappingStore);
    this.notePendingProduct = this.mappingStore.notePendingProduct.bind(this.mappingStore);
    this.pendingProduct = this.mappingStore.pendingProduct.bind(this.mappingStore);
    this.clearPendingProduct = this.mappingStore.clearPendingProduct.bind(this.mappingStore);
    this.matchDecision = this.mappingStore.matchDecision.bind(this.mappingStore);
    this.saveMatchDecision = this.mappingStore.saveMatchDecision.bind(this.mappingStore);
    this.keepOut = this.mappingStore.keepOut.bind(this.mappingStore);
    this.release = this.mappingStore.release.bind(this.mappingStore);
    this.keptOut = this.mappingStore.keptOut.bind(this.mappingStore);
    this.saveStoreSnapshot = this.mappingStore.saveStoreSnapshot.bind(this.mappingStore);
    this.storeSnapshot = this.mappingStore.storeSnapshot.bind(this.mappingStore);
    this.flag = this.attentionList.flag.bind(this.attentionList);
    this.resolve = this.attentionList.resolve.bind(this.attentionList);
    this.attention = this.attentionList.attention.bind(this.attentionList);
    this.touchAttention = this.attentionList.touchAttention.bind(this.attentionList);
    this.recordOrderImport = this.orderLedger.recordOrderImport.bind(this.orderLedger);
    this.importedOrders = this.orderLedger.importedOrders.bind(this.orderLedger);
    this.setUsnPending = this.orderLedger.setUsnPending.bind(this.orderLedger);
    this.pendingUsn = this.orderLedger.pendingUsn.bind(this.orderLedger);
  }
}
