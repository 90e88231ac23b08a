/** How a revert reads the items of the run it sets back (pure: `tasks/revert-steps.ts`). */
import { describe, expect, it } from 'vitest';
import type { RunItem } from '../../shared/types/sync';
import { createdProductId, revertSteps } from '../../electron/engine/sync/tasks/revert-steps';

const item = (p: Partial<RunItem>): RunItem => ({
  kind: 'price',
  ref: '1 Тениска',
  action: 'update',
  oldValue: null,
  newValue: null,
  explain: null,
  status: 'done',
  message: null,
  at: '2026-12-01T10:00:00.000Z',
  ...p,
});

describe('revert steps', () => {
  it('turns each written change into what sets it back, with the value before it', () => {
    const steps = revertSteps([
      item({ kind: 'price', ref: '2 A', oldValue: '10.00', newValue: '12.50' }),
      item({ kind: 'quantity', ref: '3 B', oldValue: '4', newValue: '9' }),
      item({ kind: 'variant', ref: '4 C', action: 'zero-quantity', oldValue: '7', newValue: '0' }),
      item({ kind: 'product', ref: '5 D', action: 'deactivate', oldValue: 'active', newValue: 'inactive' }),
      item({ kind: 'product', ref: 'KEY Нов', action: 'create', newValue: 'simple; CloudCart #42' }),
    ]);
    expect(steps.map((s) => s.type)).toEqual(['value', 'value', 'value', 'active', 'created']);
    expect(steps[0]).toMatchObject({ goodId: 2, field: 'price', sent: 1250, before: 1000 });
    expect(steps[1]).toMatchObject({ goodId: 3, field: 'quantity', sent: 9, before: 4 });
    expect(steps[2]).toMatchObject({ goodId: 4, field: 'quantity', sent: 0, before: 7 });
    expect(steps[3]).toMatchObject({ goodId: 5, sent: false });
    expect(steps[4]).toMatchObject({ productId: '42' });
  });

  it('skips planned and failed items and bookkeeping; a first value sent has no "before"', () => {
    const steps = revertSteps([
      item({ status: 'failed', newValue: '1.00' }),
      item({ status: 'planned', newValue: '1.00' }),
      item({ kind: 'variant', action: 'link' }),
      item({ kind: 'price', ref: '9 E', oldValue: null, newValue: '3.00' }),
    ]);
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ goodId: 9, sent: 300, before: null });
  });

  it("reads the created product id only from a real run's item", () => {
    expect(createdProductId('Размер × Цвят: 4; CloudCart #1234')).toBe('1234');
    expect(createdProductId('simple')).toBeNull();
    expect(createdProductId(null)).toBeNull();
    // A product create recorded before the id was kept is listed, not guessed.
    expect(revertSteps([item({ kind: 'product', action: 'create', newValue: 'simple' })])[0].type).toBe('kept');
  });
});
