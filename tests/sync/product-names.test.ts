/**
 * Product names (issue 13.8): a product of several goods is named by whole words, without the
 * variant values at the end, or by the goods' shared Name2. The old rule took the common prefix of
 * the names character by character, so sizes sharing a leading digit ("40" ... "44") left "… 4".
 */
import { describe, expect, it } from 'vitest';
import type { WpGood } from '../../electron/engine/sync/ports';
import { productName } from '../../electron/engine/rules/product-name';

const good = (id: number, name: string, catalogs: [string, string, string], name2 = name): WpGood => ({
  id,
  code: 'P1',
  barcode1: `b${id}`,
  barcode2: `s${id}`,
  catalogs,
  name,
  name2,
  description: '',
  measure: 'бр.',
  price: 10,
  vatRate: 20,
  groupCode: 'AAA',
  groupName: 'Обувки',
});

describe('the name of a product of several goods', () => {
  it('sizes 40 to 44 (sharing the leading digit): the whole words, not "… 4"', () => {
    const goods = [40, 41, 42, 43, 44].map((s, i) => good(i + 2, `Обувки Спорт ${s}`, [`Размер-${s}`, '', '']));
    expect(productName(goods)).toBe('Обувки Спорт');
  });

  it('size and colour at the end are dropped, also after a dash', () => {
    const goods = [
      good(2, 'Тениска Basic - M Червен', ['Размер-M', 'Цвят-Червен', '']),
      good(3, 'Тениска Basic - L Червен', ['Размер-L', 'Цвят-Червен', '']),
    ];
    expect(productName(goods)).toBe('Тениска Basic');
  });

  it('a value of several words is dropped whole', () => {
    const goods = [
      good(2, 'Яке Зима Тъмно синьо', ['Цвят-Тъмно синьо', '', '']),
      good(3, 'Яке Зима Тъмно зелено', ['Цвят-Тъмно зелено', '', '']),
    ];
    expect(productName(goods)).toBe('Яке Зима');
  });

  it('a shared Name2 names the product', () => {
    const goods = [40, 41].map((s, i) => good(i + 2, `ОБ СП ${s}`, [`Размер-${s}`, '', ''], 'Обувки Спорт Лято'));
    expect(productName(goods)).toBe('Обувки Спорт Лято');
  });

  it('a Name2 that only repeats each Name is not shared: the words rule applies', () => {
    const goods = [40, 41].map((s, i) => good(i + 2, `Сандали ${s}`, [`Размер-${s}`, '', '']));
    expect(productName(goods)).toBe('Сандали');
  });

  it('a single good keeps its name; nothing in common falls back to the first name', () => {
    expect(productName([good(2, 'Чаша Еко 7', ['', '', ''])])).toBe('Чаша Еко 7');
    expect(productName([good(2, 'Алфа M', ['Размер-M', '', '']), good(3, 'Бета L', ['Размер-L', '', ''])])).toBe(
      'Алфа M',
    );
  });
});
