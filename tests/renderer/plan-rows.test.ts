/**
 * The plan's tables (`renderer/src/components/server/plan-rows.ts`): a dry run's items sorted into
 * what a person checks: prices, quantities, products to create with their variants under them,
 * orders, and the rest.
 */
import { describe, expect, it } from 'vitest';
import type { RunItem } from '../../shared/types/sync';
import { planTables, splitRef } from '../../renderer/src/components/server/plan-rows';

const item = (kind: string, action: string, ref: string): RunItem => ({
  kind,
  ref,
  action,
  oldValue: null,
  newValue: null,
  explain: null,
  status: 'planned',
  message: null,
  at: '2026-12-01T10:00:00.000Z',
});

describe('plan rows', () => {
  it('sorts items into their tables, keeping the order the engine planned them in', () => {
    const items = [
      item('price', 'update', '12 Тениска S'),
      item('product', 'create', 'TS Тениска'),
      item('variant', 'create', '12 Тениска S'),
      item('variant', 'create', '13 Тениска M'),
      item('quantity', 'update', '12 Тениска S'),
      item('order', 'write', '1001'),
      item('product', 'create', 'CUP Чаша'),
      item('price', 'update', '40 Чаша'),
      item('product', 'deactivate', '77 Стара стока'),
      item('variant', 'update', '14 Тениска L'),
    ];
    const t = planTables(items);
    expect(t.prices.map((i) => i.ref)).toEqual(['12 Тениска S', '40 Чаша']);
    expect(t.quantities.map((i) => i.ref)).toEqual(['12 Тениска S']);
    expect(t.orders.map((i) => i.ref)).toEqual(['1001']);
    // A product to create, then its variants one level under it, then the next product.
    expect(t.catalog.map((i) => [i.depth, i.ref])).toEqual([
      [0, 'TS Тениска'],
      [1, '12 Тениска S'],
      [1, '13 Тениска M'],
      [0, 'CUP Чаша'],
    ]);
    // What is not a create (a product set inactive, a variant updated) is listed, not lost.
    expect(t.other.map((i) => `${i.kind} ${i.action}`)).toEqual(['product deactivate', 'variant update']);
    const total = t.prices.length + t.quantities.length + t.catalog.length + t.orders.length + t.other.length;
    expect(total).toBe(items.length);
  });

  it('an empty plan has empty tables', () => {
    expect(planTables([])).toEqual({
      prices: [],
      quantities: [],
      catalog: [],
      orders: [],
      other: [],
      leftAlone: [],
    });
  });

  it('splits a ref into the Warehouse Pro id and the name; a ref without a name keeps it whole', () => {
    expect(splitRef('123 Тениска Синя XL')).toEqual({ id: '123', name: 'Тениска Синя XL' });
    expect(splitRef('1001')).toEqual({ id: '1001', name: '' });
  });
});
