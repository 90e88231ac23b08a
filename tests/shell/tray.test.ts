/**
 * The tray: its menu, icon state and tooltip come from the servers' states (pure, tray-menu.ts),
 * and TrayController hands them to a mocked Electron Tray and redraws on refresh.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { trayState, trayTooltip, trayView, type TrayActions, type TrayServer } from '../../electron/shell/tray-menu';
import { run, status } from './shell-fixtures';

const electron = vi.hoisted(() => {
  const trays: FakeTray[] = [];
  class FakeTray {
    image: unknown;
    tooltip = '';
    menu: { template: MenuItemConstructorOptions[] } | null = null;
    destroyed = false;
    handlers = new Map<string, () => void>();
    constructor(image: unknown) {
      this.image = image;
      trays.push(this);
    }
    on(event: string, fn: () => void) {
      this.handlers.set(event, fn);
    }
    setImage(image: unknown) {
      this.image = image;
    }
    setToolTip(text: string) {
      this.tooltip = text;
    }
    setContextMenu(menu: { template: MenuItemConstructorOptions[] }) {
      this.menu = menu;
    }
    isDestroyed() {
      return this.destroyed;
    }
    destroy() {
      this.destroyed = true;
    }
  }
  return { trays, FakeTray };
});

vi.mock('electron', () => ({
  Tray: electron.FakeTray,
  Menu: { buildFromTemplate: (template: MenuItemConstructorOptions[]) => ({ template }) },
  nativeImage: {
    createFromBuffer: (buffer: Buffer) => ({
      buffer,
      reps: [] as unknown[],
      addRepresentation(rep: unknown) {
        this.reps.push(rep);
      },
    }),
  },
}));

function actions(): TrayActions & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    open: (id) => calls.push(`open ${id ?? ''}`.trim()),
    start: (id) => calls.push(`start ${id}`),
    stop: (id) => calls.push(`stop ${id}`),
    setOpenAtLogin: (on) => calls.push(`login ${on}`),
    openLogs: () => calls.push('logs'),
    quit: () => calls.push('quit'),
  };
}

const servers: TrayServer[] = [
  { id: 'a', name: 'Магазин София', status: status('a', { started: true }) },
  { id: 'b', name: 'Склад Пловдив', status: status('b') },
];

const labels = (menu: MenuItemConstructorOptions[]) => menu.map((i) => (i.type === 'separator' ? '---' : i.label));
const click = (item: MenuItemConstructorOptions | undefined, checked?: boolean) =>
  (item!.click as (i: unknown) => void)({ checked });

describe('tray menu (pure)', () => {
  it('lists open, each server with start/stop and open, start at login, logs, quit (Bulgarian)', () => {
    const a = actions();
    const { menu } = trayView({ servers, locale: 'bg', openAtLogin: true, quitting: false }, a);
    console.log('tray menu (bg):', JSON.stringify(labels(menu)));
    expect(labels(menu)).toEqual([
      'Отвори Sklad Sync',
      '---',
      'Магазин София (работи)',
      'Склад Пловдив (спрян)',
      '---',
      'Стартирай при влизане в системата',
      'Отвори папката с журналите',
      '---',
      'Изход',
    ]);
    const sofia = menu[2].submenu as MenuItemConstructorOptions[];
    const plovdiv = menu[3].submenu as MenuItemConstructorOptions[];
    expect(labels(sofia)).toEqual(['Спри', 'Отвори']);
    expect(labels(plovdiv)).toEqual(['Стартирай', 'Отвори']);
    expect(menu[5]).toMatchObject({ type: 'checkbox', checked: true });

    click(sofia[0]);
    click(plovdiv[0]);
    click(plovdiv[1]);
    click(menu[0]);
    click(menu[5], false);
    click(menu[6]);
    click(menu[8]);
    expect(a.calls).toEqual(['stop a', 'start b', 'open b', 'open', 'login false', 'logs', 'quit']);
  });

  it('speaks English when the locale is en, and says when there are no servers', () => {
    const { menu } = trayView({ servers: [], locale: 'en', openAtLogin: false, quitting: false }, actions());
    expect(labels(menu)).toEqual([
      'Open Sklad Sync',
      '---',
      'No servers',
      '---',
      'Start when I sign in',
      'Open the logs folder',
      '---',
      'Quit',
    ]);
    expect(menu[2].enabled).toBe(false);
  });

  it('while quitting, server actions are disabled and Quit reads "Stopping…"', () => {
    const { menu } = trayView({ servers, locale: 'bg', openAtLogin: false, quitting: true }, actions());
    expect(menu[2].enabled).toBe(false);
    expect(menu.at(-1)).toMatchObject({ label: 'Спиране…', enabled: false });
  });

  it('icon state: idle, ok (started), running (a run in flight), failed (latest real run failed)', () => {
    expect(trayState([{ ...servers[1] }])).toBe('idle');
    expect(trayState(servers)).toBe('ok');
    const busy = status('a', { started: true, activeRuns: [run('a', 'import', 'running')] });
    expect(trayState([{ ...servers[0], status: busy }])).toBe('running');
    const failed = status('a', {
      started: true,
      lastRuns: { export: null, import: run('a', 'import', 'failed'), 'download-goods': null },
    });
    expect(
      trayState([
        { ...servers[0], status: failed },
        { ...servers[0], status: busy },
      ]),
    ).toBe('failed');
    // A later success clears it; a stopped server's old failure does not keep the tray red.
    const recovered = status('a', {
      started: true,
      lastRuns: {
        export: null,
        import: run('a', 'import', 'failed'),
        'download-goods': run('a', 'download-goods', 'succeeded', { finishedAt: '2026-01-10T09:00:00.000Z' }),
      },
    });
    expect(trayState([{ ...servers[0], status: recovered }])).toBe('ok');
    expect(trayState([{ ...servers[0], status: { ...failed, started: false } }])).toBe('idle');
  });

  it('tooltip says how many servers run and how many failed, in the app language', () => {
    expect(trayTooltip([servers[1]], 'bg')).toBe('Sklad Sync: няма работещи сървъри');
    expect(trayTooltip(servers, 'bg')).toBe('Sklad Sync: работят 1 от 2 сървъра');
    const failed = status('a', {
      started: true,
      lastRuns: { export: run('a', 'export', 'failed'), import: null, 'download-goods': null },
    });
    expect(trayTooltip([{ ...servers[0], status: failed }, servers[1]], 'en')).toBe(
      'Sklad Sync: 1 of 2 servers running; 1 server failed',
    );
  });
});

describe('TrayController (electron mocked)', () => {
  let states: Record<string, ReturnType<typeof status>>;
  beforeEach(() => {
    electron.trays.length = 0;
    states = { a: status('a'), b: status('b') };
  });

  async function controller(a = actions()) {
    const { TrayController } = await import('../../electron/shell/tray');
    const source = {
      servers: () => [
        { id: 'a', name: 'Магазин София' },
        { id: 'b', name: 'Склад Пловдив' },
      ],
      status: (id: string) => {
        if (!states[id]) throw new Error('not found');
        return states[id];
      },
      locale: () => 'bg' as const,
      openAtLogin: () => false,
      quitting: () => false,
    };
    return { c: new TrayController(source, a), a, tray: electron.trays[0] };
  }

  it('creates one tray with a menu, tooltip and icon, and redraws them from new states', async () => {
    const { c, tray } = await controller();
    expect(electron.trays).toHaveLength(1);
    expect(c.state).toBe('idle');
    expect(tray.tooltip).toBe('Sklad Sync: няма работещи сървъри');
    const idleIcon = tray.image as { buffer: Buffer; reps: { scaleFactor: number }[] };
    expect(idleIcon.buffer.subarray(1, 4).toString()).toBe('PNG');
    expect(idleIcon.reps).toEqual([expect.objectContaining({ scaleFactor: 2 })]);

    states.a = status('a', { started: true, activeRuns: [run('a', 'export', 'running')] });
    c.refresh();
    expect(c.state).toBe('running');
    expect(tray.image).not.toBe(idleIcon);
    expect(labels(tray.menu!.template)[2]).toBe('Магазин София (синхронизира)');
    expect(tray.tooltip).toBe('Sklad Sync: работят 1 от 2 сървъра; синхронизира');
  });

  it('left click opens the window; a menu click reaches the action; destroy removes the tray', async () => {
    const { c, a, tray } = await controller();
    tray.handlers.get('click')!();
    click((tray.menu!.template[3].submenu as MenuItemConstructorOptions[])[0]);
    expect(a.calls).toEqual(['open', 'start b']);
    c.destroy();
    expect(tray.destroyed).toBe(true);
    c.refresh(); // after destroy: no throw
  });

  it('skips a server deleted between the list and its status', async () => {
    const { c, tray } = await controller();
    states = { a: status('a') };
    c.refresh();
    expect(labels(tray.menu!.template).filter((l) => l?.includes('('))).toEqual(['Магазин София (спрян)']);
  });
});
