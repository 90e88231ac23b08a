import { describe, expect, it } from 'vitest';
import { orderTotal } from '../../electron/engine/store-api/cloudcart-store';
import {
  fromMinor,
  gramsToKg,
  kgToGrams,
  minorFromApi,
  quantity3,
  toMinor,
} from '../../electron/engine/store-api/units';

describe('store-api units', () => {
  it('converts money to minor units without float drift', () => {
    expect(toMinor(1.005)).toBe(101);
    expect(toMinor(19.99)).toBe(1999);
    expect(toMinor(0.1 + 0.2)).toBe(30);
    expect(toMinor(-2.5)).toBe(-250);
    expect(fromMinor(1999)).toBe(19.99);
    expect(minorFromApi('2499')).toBe(2499);
    expect(minorFromApi(null)).toBe(0);
    expect(() => toMinor(Number.NaN)).toThrow();
  });

  it('converts weight and quantity', () => {
    expect(kgToGrams(0.22)).toBe(220);
    expect(kgToGrams(1.0005)).toBe(1001);
    expect(kgToGrams(null)).toBeNull();
    expect(gramsToKg(220)).toBe(0.22);
    expect(quantity3(1.23456)).toBe(1.235);
    expect(quantity3('12.500')).toBe(12.5);
    expect(quantity3(-0.0001)).toBe(0);
    expect(quantity3('abc')).toBe(0);
  });

  it('reads an order total under either name', () => {
    expect(orderTotal({ price_total: 12990 })).toBe(12990);
    expect(orderTotal({ total: '4500' })).toBe(4500);
    expect(orderTotal({})).toBe(0);
  });
});
