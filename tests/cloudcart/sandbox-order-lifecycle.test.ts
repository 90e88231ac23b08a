/**
 * The sandbox's order lifecycle admin routes (test-only): an order placed with a given date and
 * status, and later changed as the store would change it (wiki cloudcart/platform-wiki
 * wiki/entities/order/order-entity-lifecycle.md, order-entity-side-effects.md): `updated_at`
 * moves, a cancellation gives the stock back, `paid` + `fulfilled` becomes `completed`, and changed
 * lines move the stock by the difference. The API shows all of it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/cloudcart-sandbox/sandbox-server';

let sandbox: Sandbox | null = null;
afterEach(async () => {
  await sandbox?.close();
  sandbox = null;
});

async function admin(method: string, path: string, body?: unknown) {
  const res = await fetch(`${sandbox!.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function apiOrder(
  id: string,
): Promise<Record<string, unknown> & { lines: { attributes: Record<string, unknown> }[] }> {
  const res = await fetch(`${sandbox!.url}/api/v2/orders/${id}?include=products`, {
    headers: { 'x-cloudcart-apikey': sandbox!.apiKey, accept: 'application/vnd.api+json' },
  });
  const doc = (await res.json()) as {
    data: { attributes: Record<string, unknown> };
    included: { type: string; attributes: Record<string, unknown> }[];
  };
  return { ...doc.data.attributes, lines: doc.included.filter((i) => i.type === 'order-products') };
}

const stock = (sku: string) =>
  [...sandbox!.model.table('variants').values()].find((v) => v.attributes.sku === sku)!.attributes.quantity;

describe('sandbox order lifecycle', () => {
  it('places an order with a date and a status, then changes it as the store would', async () => {
    sandbox = await startSandbox({ rateLimit: 100_000 });
    const product = sandbox.model.insert('products', { name: 'Чаша' });
    sandbox.model.insert('variants', { sku: 'MUG-1', price: 500, quantity: 10, item_id: product.id });
    sandbox.model.insert('variants', { sku: 'MUG-2', price: 700, quantity: 10, item_id: product.id });

    const placed = await admin('POST', '/__sandbox/orders', {
      email: 'a@example.bg',
      dateAdded: '2026-01-15 09:00:00',
      status: 'timeouted',
      lines: [{ sku: 'MUG-1', quantity: 2 }],
    });
    expect(placed.status).toBe(201);
    const id = String(placed.body.id);
    let order = await apiOrder(id);
    expect(order).toMatchObject({ status: 'timeouted', date_added: '2026-01-15 09:00:00' });
    expect(order.updated_at).toBe('2026-01-15 09:00:00');
    expect(stock('MUG-1')).toBe(8);

    // Paid later: updated_at moves on, date_added stays.
    expect((await admin('PATCH', `/__sandbox/orders/${id}`, { status: 'paid' })).status).toBe(200);
    order = await apiOrder(id);
    expect(order.status).toBe('paid');
    expect(order.date_added).toBe('2026-01-15 09:00:00');
    expect(String(order.updated_at) > '2026-01-15 09:00:00').toBe(true);
    const paidAt = String(order.updated_at);

    // Lines changed: stock moves by the difference; the total follows.
    await admin('PATCH', `/__sandbox/orders/${id}`, {
      lines: [
        { sku: 'MUG-1', quantity: 1 },
        { sku: 'MUG-2', quantity: 3 },
      ],
    });
    order = await apiOrder(id);
    expect(order.lines.map((l) => [l.attributes.sku, l.attributes.quantity])).toEqual([
      ['MUG-1', 1],
      ['MUG-2', 3],
    ]);
    expect(order.total).toBe(500 + 3 * 700);
    expect([stock('MUG-1'), stock('MUG-2')]).toEqual([9, 7]);
    expect(String(order.updated_at) > paidAt).toBe(true);

    // Fulfilled while paid: completed in the same save.
    await admin('PATCH', `/__sandbox/orders/${id}`, { status_fulfillment: 'fulfilled' });
    expect((await apiOrder(id)).status).toBe('completed');
  });

  it('a cancellation gives the stock back; a draft never took any', async () => {
    sandbox = await startSandbox({ rateLimit: 100_000 });
    const product = sandbox.model.insert('products', { name: 'Чаша' });
    sandbox.model.insert('variants', { sku: 'MUG-1', price: 500, quantity: 10, item_id: product.id });
    const order = sandbox.placeOrder({ email: 'a@example.bg', lines: [{ sku: 'MUG-1', quantity: 4 }] });
    expect(stock('MUG-1')).toBe(6);
    const cancelled = await admin('PATCH', `/__sandbox/orders/${order.id}`, { status: 'cancelled' });
    expect(cancelled.body.status).toBe('cancelled');
    expect(stock('MUG-1')).toBe(10);
    // Cancelling again changes nothing more.
    await admin('PATCH', `/__sandbox/orders/${order.id}`, { status: 'cancelled' });
    expect(stock('MUG-1')).toBe(10);

    const draft = sandbox.placeOrder({ draft: true, email: 'b@example.bg', lines: [{ sku: 'MUG-1', quantity: 3 }] });
    await admin('PATCH', `/__sandbox/orders/${draft.id}`, { status: 'cancelled' });
    expect(stock('MUG-1')).toBe(10);
  });

  it('says what is wrong with a bad admin request', async () => {
    sandbox = await startSandbox({ rateLimit: 100_000 });
    const product = sandbox.model.insert('products', { name: 'Чаша' });
    sandbox.model.insert('variants', { sku: 'MUG-1', price: 500, quantity: 10, item_id: product.id });
    const bad = await admin('POST', '/__sandbox/orders', {
      email: 'a@example.bg',
      dateAdded: '15.01.2026',
      lines: [{ sku: 'MUG-1', quantity: 1 }],
    });
    expect(bad.status).toBe(400);
    expect(String(bad.body.error)).toContain('YYYY-MM-DD HH:MM:SS');
    expect((await admin('PATCH', '/__sandbox/orders/999999', { status: 'paid' })).status).toBe(400);
  });
});
