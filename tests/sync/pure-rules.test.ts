import { describe, expect, it } from 'vitest';
import { availableQuantity } from '../../electron/engine/rules/available-quantity';
import { roundToMinor, storePrice } from '../../electron/engine/rules/pricing';
import { groupIntoProducts, parseOption } from '../../electron/engine/rules/variant-grouping';
import { sayExplain } from '../../shared/i18n/explain-texts';
import { decodeExplain, explained, joinExplain } from '../../shared/types/explain';

describe('store price', () => {
  const eur = {
    vatIncluded: true,
    vatRatePercent: 20,
    databaseCurrency: 'EUR' as const,
    storeCurrency: 'EUR' as const,
  };
  it('keeps a VAT-inclusive price in the same currency, in cents', () => {
    expect(storePrice(18.5, eur).minor).toBe(1850);
  });
  it('adds VAT when the database prices exclude it (configkey20 = 0)', () => {
    expect(storePrice(10, { ...eur, vatIncluded: false }).minor).toBe(1200);
    expect(storePrice(10, { ...eur, vatIncluded: false, vatRatePercent: 9 }).minor).toBe(1090);
  });
  it('converts BGN to EUR at 1.95583 and rounds half away from zero', () => {
    // 19.99 BGN / 1.95583 = 10.22072... EUR
    expect(storePrice(19.99, { ...eur, databaseCurrency: 'BGN' }).minor).toBe(1022);
    // 1.95583 BGN is exactly 1 EUR
    expect(storePrice(1.95583, { ...eur, databaseCurrency: 'BGN' }).minor).toBe(100);
    expect(storePrice(10, { ...eur, storeCurrency: 'BGN' }).minor).toBe(1956);
  });
  it('rounds binary-noisy halves up', () => {
    expect(roundToMinor(1.005)).toBe(101);
    expect(roundToMinor(2.675)).toBe(268);
  });
  it('explains the number', () => {
    expect(storePrice(10, { ...eur, vatIncluded: false, databaseCurrency: 'BGN' }).explain).toMatch(
      /ДДС 20%.*1\.95583.*6\.14 EUR/,
    );
  });
});

describe('available quantity', () => {
  it('subtracts open orders and the buffer, floored at 0', () => {
    expect(availableQuantity({ onHand: 10, reserved: 3 }, 2).available).toBe(5);
    expect(availableQuantity({ onHand: 2, reserved: 3 }, 0).available).toBe(0);
    expect(availableQuantity({ onHand: 1.23456, reserved: 0 }, 0).available).toBe(1.235);
    expect(sayExplain(availableQuantity({ onHand: 2, reserved: 3 }, 1).explain, 'bg')).toBe(
      'наличност 2 − поръчки 3 − буфер 1 = -2 -> 0',
    );
  });

  it("explains itself as a key with numbers, said in the reader's language with each part of what is reserved", () => {
    const q = availableQuantity({ onHand: 10, reserved: 3, importedOrders: 1, ownOrders: 2 }, 0, {
      mode: 'recent',
      days: 30,
    });
    expect(q.available).toBe(7);
    // No language in what the engine keeps: the words come from the reader's dictionary.
    expect(q.explain).not.toMatch(/[\u0400-\u04FF]/);
    expect(sayExplain(q.explain, 'bg')).toBe(
      'наличност 10 − поръчки от магазина 1 − поръчки в Склад Pro (до 30 дни) 2 = 7',
    );
    expect(sayExplain(q.explain, 'en')).toBe(
      'on hand 10 − store orders 1 − Warehouse Pro orders (up to 30 days) 2 = 7',
    );
  });
});

describe('explanations', () => {
  it('keep plain text as it is and join keyed parts with text in order', () => {
    expect(sayExplain('цена 10 EUR', 'en')).toBe('цена 10 EUR');
    expect(sayExplain(null, 'bg')).toBeNull();
    const joined = joinExplain('цена 10', explained('order.replacedText', { fields: 'name' }), null);
    expect(decodeExplain(joined)).toEqual(['цена 10', { key: 'order.replacedText', params: { fields: 'name' } }]);
    expect(sayExplain(joined, 'en')).toBe('цена 10; text replaced: name');
    expect(joinExplain('a', 'b')).toBe('a; b');
    // Something that only looks like ours is shown as text.
    expect(sayExplain('{"explain":nonsense', 'bg')).toBe('{"explain":nonsense');
  });
});

describe('variant grouping (S16)', () => {
  const good = (id: number, code: string, ...catalogs: string[]) => ({
    id,
    code,
    name: `Стока ${id}`,
    catalogs: [catalogs[0] ?? '', catalogs[1] ?? '', catalogs[2] ?? ''] as [string, string, string],
  });
  it('parses Type-Value with the first hyphen', () => {
    expect(parseOption('Размер-XL')).toEqual({ parameter: 'Размер', value: 'XL' });
    expect(parseOption('Цвят-Тъмно-син')).toEqual({ parameter: 'Цвят', value: 'Тъмно-син' });
    expect(parseOption(' ')).toBeNull();
    expect(parseOption('-XL')).toBeNull();
  });
  it('makes one product per Code with the variants in parameter order, and simple products', () => {
    const { products, problems } = groupIntoProducts([
      good(2, 'TS', 'Размер-M', 'Цвят-Червен'),
      good(3, 'TS', 'Размер-L', 'Цвят-Червен'),
      good(4, 'MUG'),
    ]);
    expect(problems).toEqual([]);
    expect(products).toHaveLength(2);
    expect(products[0].parameters).toEqual(['Размер', 'Цвят']);
    expect(products[0].variants.map((v) => v.options.map((o) => o.value))).toEqual([
      ['M', 'Червен'],
      ['L', 'Червен'],
    ]);
    expect(products[1].parameters).toEqual([]);
  });
  it('reports, never guesses: mixed parameters, duplicate combinations, same Code without options', () => {
    const { products, problems } = groupIntoProducts([
      good(2, 'A', 'Размер-M'),
      good(3, 'A', 'Цвят-Син'),
      good(4, 'B', 'Размер-M'),
      good(5, 'B', 'размер-m'),
      good(6, 'C'),
      good(7, 'C'),
    ]);
    expect(products).toEqual([]);
    expect(problems.map((p) => [p.code, p.reason])).toEqual([
      ['A', 'mixed_parameters'],
      ['B', 'duplicate_combination'],
      ['C', 'duplicate_combination'],
    ]);
  });
});

describe('schedule', async () => {
  const { nextRunAt } = await import('../../electron/engine/rules/schedule');
  const now = new Date(2026, 10, 28, 10, 0, 0);
  it('runs "on start" at once and then every poll interval', () => {
    expect(nextRunAt({ kind: 'on-start' }, null, now, 5)).toEqual(now);
    expect(nextRunAt({ kind: 'on-start' }, now, now, 5).getTime() - now.getTime()).toBe(5 * 60_000);
  });
  it('runs "every N minutes" at once and then every N minutes', () => {
    expect(nextRunAt({ kind: 'interval', minutes: 15 }, null, now)).toEqual(now);
    expect(nextRunAt({ kind: 'interval', minutes: 15 }, now, now).getTime() - now.getTime()).toBe(15 * 60_000);
  });
  it('runs "daily" at the next HH:MM', () => {
    expect(nextRunAt({ kind: 'daily', time: '12:30' }, null, now)).toEqual(new Date(2026, 10, 28, 12, 30));
    expect(nextRunAt({ kind: 'daily', time: '09:00' }, null, now)).toEqual(new Date(2026, 10, 29, 9, 0));
  });
});
