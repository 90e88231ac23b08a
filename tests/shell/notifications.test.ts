/**
 * Notification routing (pure): which engine events and which stale-import checks become desktop
 * notifications, with what words and which screen a click opens; then the Notifier with Electron's
 * Notification mocked: shown when enabled, a click opens the target.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Locale } from '../../shared/ipc/contract';
import { NotificationRouter, shortError, type Notice } from '../../electron/shell/notification-router';
import { finishedEvent, run, stateEvent, status } from './shell-fixtures';

const shown = vi.hoisted(() => [] as { options: { title: string; body: string }; fire(e: string): void }[]);
vi.mock('electron', () => ({
  Notification: class {
    static isSupported() {
      return true;
    }
    handlers = new Map<string, () => void>();
    constructor(public options: { title: string; body: string }) {}
    on(event: string, fn: () => void) {
      this.handlers.set(event, fn);
    }
    show() {
      shown.push({ options: this.options, fire: (e) => this.handlers.get(e)?.() });
    }
  },
}));

const HOUR = 3_600_000;
let now = Date.parse('2026-01-10T12:00:00.000Z');
let locale: Locale = 'bg';
const names: Record<string, string> = { a: 'Магазин София', b: 'Склад Пловдив' };

function router(hours = 4) {
  return new NotificationRouter({
    locale: () => locale,
    serverName: (id) => names[id] ?? id,
    staleImportHours: () => hours,
    now: () => new Date(now),
  });
}

beforeEach(() => {
  now = Date.parse('2026-01-10T12:00:00.000Z');
  locale = 'bg';
});

describe('notification router: failed runs', () => {
  it('a failed real run notifies once, in Bulgarian, pointing at the history tab', () => {
    const r = router();
    const [notice, ...rest] = r.onEvent(finishedEvent(run('a', 'import', 'failed')));
    expect(rest).toEqual([]);
    expect(notice).toEqual({
      kind: 'run-failed',
      serverId: 'a',
      title: 'Грешка: Магазин София',
      body: 'Неуспешно внасяне на поръчки. Връзката с базата е отказана.',
      target: { serverId: 'a', tab: 'history' },
    } satisfies Notice);
  });

  it('repeats of the same failure stay quiet until the task succeeds again; other tasks are separate', () => {
    const r = router();
    expect(r.onEvent(finishedEvent(run('a', 'import', 'failed')))).toHaveLength(1);
    expect(r.onEvent(finishedEvent(run('a', 'import', 'failed')))).toHaveLength(0);
    expect(r.onEvent(finishedEvent(run('a', 'export', 'failed')))).toHaveLength(1);
    expect(r.onEvent(finishedEvent(run('b', 'import', 'failed')))).toHaveLength(1);
    expect(r.onEvent(finishedEvent(run('a', 'import', 'succeeded')))).toHaveLength(0);
    expect(r.onEvent(finishedEvent(run('a', 'import', 'failed')))).toHaveLength(1);
  });

  it('dry runs, cancelled and succeeded runs, and other events do not notify', () => {
    const r = router();
    expect(r.onEvent(finishedEvent(run('a', 'export', 'failed', { dryRun: true })))).toEqual([]);
    expect(r.onEvent(finishedEvent(run('a', 'export', 'cancelled')))).toEqual([]);
    expect(r.onEvent(finishedEvent(run('a', 'export', 'succeeded')))).toEqual([]);
    expect(r.onEvent({ channel: 'servers:changedEvent', payload: { ids: ['a'] } })).toEqual([]);
  });

  it('in English, with the English half of the engine message', () => {
    locale = 'en';
    const [n] = router().onEvent(finishedEvent(run('a', 'export', 'failed')));
    expect(n.title).toBe('Failed: Магазин София');
    expect(n.body).toBe('The export to the store failed. The database refused the connection.');
  });

  it('shortens long or multi-line driver errors', () => {
    expect(shortError('ECONNREFUSED 127.0.0.1:3306\n    at Socket...', 'bg')).toBe('ECONNREFUSED 127.0.0.1:3306');
    const long = shortError('x'.repeat(500), 'en');
    expect(long).toHaveLength(160);
    expect(long.endsWith('…')).toBe(true);
    expect(shortError(null, 'bg')).toBe('');
  });
});

describe('notification router: orders needing attention', () => {
  it('the first count is the baseline; growth notifies with the attention tab; a fall does not', () => {
    const r = router();
    expect(r.onEvent(stateEvent(status('a', { attentionCount: 3 })))).toEqual([]);
    expect(r.onEvent(stateEvent(status('a', { attentionCount: 3 })))).toEqual([]);
    const [grew] = r.onEvent(stateEvent(status('a', { attentionCount: 4 })));
    expect(grew).toMatchObject({
      kind: 'attention',
      title: 'Поръчки за преглед: Магазин София',
      body: 'Нова поръчка изисква внимание (общо 4).',
      target: { serverId: 'a', tab: 'attention' },
    });
    expect(r.onEvent(stateEvent(status('a', { attentionCount: 1 })))).toEqual([]);
    locale = 'en';
    const [again] = r.onEvent(stateEvent(status('a', { attentionCount: 3 })));
    expect(again.body).toBe('2 new orders need attention (3 in total).');
  });

  it('a server seen first with 0 notifies when its first order is flagged', () => {
    const r = router();
    r.onEvent(stateEvent(status('b')));
    expect(r.onEvent(stateEvent(status('b', { attentionCount: 1 })))).toHaveLength(1);
  });
});

describe('notification router: stale order import', () => {
  const started = (extra = {}) => ({ status: status('a', { started: true, ...extra }), importEnabled: true });

  it('notifies once when the last import is older than the limit, counted from when the server was seen started', () => {
    const r = router(4);
    const old = new Date(now - 30 * HOUR).toISOString();
    // Just started with an old last import: give it the limit's time first.
    expect(r.checkStale([started({ lastOrderImportAt: old })])).toEqual([]);
    now += 4 * HOUR - 60_000;
    expect(r.checkStale([started({ lastOrderImportAt: old })])).toEqual([]);
    now += 2 * 60_000;
    const [n] = r.checkStale([started({ lastOrderImportAt: old })]);
    expect(n).toMatchObject({
      kind: 'stale-import',
      title: 'Няма внесени поръчки: Магазин София',
      body: 'Последното успешно внасяне на поръчки е преди повече от 4 ч.',
      target: { serverId: 'a', tab: 'activity' },
    });
    now += HOUR;
    expect(r.checkStale([started({ lastOrderImportAt: old })])).toEqual([]);
  });

  it('a new successful import starts a new spell; a server that never imported says so', () => {
    const r = router(2);
    expect(r.checkStale([started()])).toEqual([]);
    now += 2 * HOUR + 1;
    const [never] = r.checkStale([started()]);
    expect(never.body).toBe('Сървърът работи от 2 ч. без успешно внасяне на поръчки.');
    const fresh = new Date(now).toISOString();
    expect(r.checkStale([started({ lastOrderImportAt: fresh })])).toEqual([]);
    now += 2 * HOUR + 1;
    expect(r.checkStale([started({ lastOrderImportAt: fresh })])).toHaveLength(1);
  });

  it('stopped servers and servers with the import task off are not checked; stopping resets', () => {
    const r = router(1);
    expect(r.checkStale([{ status: status('a'), importEnabled: true }])).toEqual([]);
    expect(r.checkStale([{ ...started(), importEnabled: false }])).toEqual([]);
    now += 2 * HOUR;
    expect(r.checkStale([{ ...started(), importEnabled: false }])).toEqual([]);
    expect(r.checkStale([started()])).toEqual([]); // first sight as an importing, started server
    now += 30 * 60_000;
    expect(r.checkStale([{ status: status('a'), importEnabled: true }])).toEqual([]); // stopped
    now += 40 * 60_000;
    expect(r.checkStale([started()])).toEqual([]); // started again: a fresh spell
  });

  it('uses the limit the user set (setting read at each check)', () => {
    let hours = 8;
    const r = new NotificationRouter({
      locale: () => 'en',
      serverName: () => 'X',
      staleImportHours: () => hours,
      now: () => new Date(now),
    });
    r.checkStale([started()]);
    now += 5 * HOUR;
    expect(r.checkStale([started()])).toEqual([]);
    hours = 4;
    expect(r.checkStale([started()])[0].body).toBe('The server has run for 4 h without a successful order import.');
  });
});

describe('notification router: daily summary', () => {
  // Local times, as the user sets them.
  const at = (h: number, m = 0) => new Date(2026, 0, 10, h, m).getTime();
  const today = (h: number) => new Date(2026, 0, 10, h).toISOString();

  it('once a day past the chosen time: orders, changes and failures of today over every server', () => {
    const r = router();
    const runs = [
      run('a', 'import', 'succeeded', { startedAt: today(9), counts: { ordersImported: 4 }, requests: 5 }),
      run('b', 'export', 'succeeded', { startedAt: today(10), counts: { prices: 3, quantities: 7 }, requests: 10 }),
      run('b', 'export', 'failed', { startedAt: today(11) }),
      run('a', 'export', 'succeeded', { startedAt: today(11), dryRun: true, counts: { prices: 99 } }),
      run('a', 'import', 'succeeded', {
        startedAt: new Date(2026, 0, 9, 9).toISOString(),
        counts: { ordersImported: 50 },
      }),
    ];
    now = at(17, 59);
    expect(r.checkDaily('18:00', runs)).toEqual([]);
    now = at(18, 5);
    const [notice] = r.checkDaily('18:00', runs);
    expect(notice).toMatchObject({
      kind: 'daily-summary',
      title: 'Sklad Sync: денят накратко',
      body: 'Внесени поръчки: 4 · изпратени промени: 10 · неуспешни изпълнения: 1.',
      // The server with a failure is where the click leads.
      target: { serverId: 'b', tab: 'history' },
    });
    now = at(20);
    expect(r.checkDaily('18:00', runs)).toEqual([]);
  });

  it('is off unless a time is set, and says nothing on a day without runs', () => {
    const r = router();
    now = at(19);
    expect(r.checkDaily(null, [run('a', 'import', 'succeeded', { startedAt: today(9) })])).toEqual([]);
    expect(r.checkDaily('18:00', [])).toEqual([]);
  });
});

describe('Notifier (electron Notification mocked)', () => {
  beforeEach(() => {
    shown.length = 0;
  });

  it('shows each notice; a click opens the notice target; disabled shows nothing', async () => {
    const { Notifier } = await import('../../electron/shell/notifier');
    const opened: unknown[] = [];
    let enabled = true;
    const logged: string[] = [];
    const notifier = new Notifier({
      enabled: () => enabled,
      onClick: (t) => opened.push(t),
      log: (m) => logged.push(m),
    });
    const notices = router().onEvent(finishedEvent(run('a', 'import', 'failed')));
    notifier.show(notices);
    expect(shown.map((s) => s.options.title)).toEqual(['Грешка: Магазин София']);
    expect(notifier.pending).toBe(1);
    shown[0].fire('click');
    expect(opened).toEqual([{ serverId: 'a', tab: 'history' }]);
    expect(notifier.pending).toBe(0);

    enabled = false;
    notifier.show(notices);
    expect(shown).toHaveLength(1);
    expect(logged).toHaveLength(2); // logged even when not shown
  });
});
