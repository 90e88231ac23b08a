/**
 * The follow-up's cost per poll is bounded and shown in the run (issue 15 point 7): an idle poll
 * is one request; when the changed-orders pages do not reach back to the last poll (here: the
 * first follow after an upgrade, no mark yet), the followed orders not read are read by id,
 * FOLLOW_BY_ID a poll, until each has been read once, and then a poll is one request again.
 * Real MariaDB and the sandbox over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOLLOW_BY_ID } from '../../electron/engine/sync/tasks/order-tracking';
import { createSyncFixture, type SyncFixture } from '../helpers/sync-fixture';

let f: SyncFixture;
const ORDERS = 130;
const run = () => f.t.engine.sync.runToEnd({ serverId: f.server.id, task: 'import' });

beforeAll(async () => {
  f = await createSyncFixture('mysql', { demo: { goods: 20 } });
  expect((await f.t.engine.sync.runToEnd({ serverId: f.server.id, task: 'export' })).state).toBe('succeeded');
  const variants = [...f.sandbox.model.table('variants').values()].filter((v) => v.attributes.barcode);
  for (let i = 0; i < ORDERS; i++)
    f.sandbox.placeOrder({ email: `cost${i}@example.bg`, lines: [{ variantId: variants[i % 5].id, quantity: 1 }] });
  const first = await run();
  expect(first.counts.ordersImported, first.error ?? '').toBe(ORDERS);
}, 180_000);

afterAll(async () => {
  await f?.cleanup();
});

describe('the follow-up at a bounded cost per poll', () => {
  it('an idle poll costs one request of the follow-up', async () => {
    const idle = await run();
    expect(idle.counts.followRequests).toBe(1);
    expect(idle.counts.ordersFollowed).toBe(ORDERS);
  });

  it('without a mark: one page, then by id FOLLOW_BY_ID a poll until all are read, then one request again', async () => {
    // As after an upgrade: no mark, every followed order unread.
    f.t.engine.sync.state.setWatermark(f.server.id, 'follow.changedSince', '');
    const polls: number[] = [];
    for (let i = 0; i < 4; i++) polls.push((await run()).counts.followRequests);
    // 100 orders come with the first page; the 30 older ones are read by id, 20 then 10.
    expect(polls).toEqual([1 + FOLLOW_BY_ID, 1 + (ORDERS - 100 - FOLLOW_BY_ID), 1, 1]);
    // And a change to one of the oldest is seen on the next poll, by the pages alone.
    const oldest = [...f.sandbox.model.table('orders').keys()].sort((a, b) => a - b)[0];
    f.sandbox.changeOrder(oldest, { status: 'cancelled' });
    const poll = await run();
    expect(poll.counts.ordersAnnulled).toBe(1);
    expect(poll.counts.followRequests).toBe(1);
  }, 120_000);
});
