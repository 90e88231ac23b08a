/**
 * What the tray shows, as pure data from the servers' states: the icon state, the tooltip and the
 * menu (open, start/stop per server, start at login, logs, quit). tray.ts hands it to Electron.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { Locale } from '../../shared/ipc/contract';
import type { ServerStatus } from '../../shared/types/sync';
import type { TrayState } from './icon-art';
import { shellText } from './shell-text';

export interface TrayServer {
  id: string;
  name: string;
  status: ServerStatus;
}

export interface TrayActions {
  open(serverId?: string): void;
  start(serverId: string): void;
  stop(serverId: string): void;
  setOpenAtLogin(on: boolean): void;
  openLogs(): void;
  quit(): void;
}

export interface TrayView {
  state: TrayState;
  tooltip: string;
  menu: MenuItemConstructorOptions[];
}

/** A started server whose latest finished real run failed, or wrote only some of its changes (a later success clears it). */
export function hasFailed(status: ServerStatus): boolean {
  const finished = Object.values(status.lastRuns)
    .filter((r) => r !== null && r.finishedAt !== null)
    .sort((a, b) => b!.finishedAt!.localeCompare(a!.finishedAt!));
  return status.started && (finished[0]?.state === 'failed' || finished[0]?.state === 'partial');
}

/** failed beats running beats ok beats idle: a failure stays visible while other runs go on. */
export function trayState(servers: TrayServer[]): TrayState {
  if (servers.some((s) => hasFailed(s.status))) return 'failed';
  if (servers.some((s) => s.status.activeRuns.length > 0)) return 'running';
  if (servers.some((s) => s.status.started)) return 'ok';
  return 'idle';
}

export function trayTooltip(servers: TrayServer[], locale: Locale): string {
  const t = shellText(locale);
  const started = servers.filter((s) => s.status.started).length;
  if (started === 0 && !servers.some((s) => s.status.activeRuns.length > 0)) return t.tooltipIdle;
  const parts = [t.tooltipRunning(started, servers.length)];
  if (servers.some((s) => s.status.activeRuns.length > 0)) parts.push(t.tooltipBusy);
  const failed = servers.filter((s) => hasFailed(s.status)).length;
  if (failed > 0) parts.push(t.tooltipFailed(failed));
  // Windows cuts tray tooltips at 127 characters.
  return parts.join('; ').slice(0, 127);
}

function serverLabel(server: TrayServer, locale: Locale): string {
  const t = shellText(locale);
  const word = hasFailed(server.status)
    ? t.serverFailed
    : server.status.activeRuns.length > 0
      ? t.serverBusy
      : server.status.started
        ? t.serverRunning
        : t.serverStopped;
  return `${server.name} (${word})`;
}

export function trayView(
  input: { servers: TrayServer[]; locale: Locale; openAtLogin: boolean; quitting: boolean },
  actions: TrayActions,
): TrayView {
  const { servers, locale, openAtLogin, quitting } = input;
  const t = shellText(locale);
  const serverItems: MenuItemConstructorOptions[] =
    servers.length === 0
      ? [{ label: t.noServers, enabled: false }]
      : servers.map((server) => ({
          label: serverLabel(server, locale),
          enabled: !quitting,
          submenu: [
            server.status.started
              ? { label: t.stop, click: () => actions.stop(server.id) }
              : { label: t.start, click: () => actions.start(server.id) },
            { label: t.openServer, click: () => actions.open(server.id) },
          ],
        }));
  const menu: MenuItemConstructorOptions[] = [
    { label: t.open, click: () => actions.open() },
    { type: 'separator' },
    ...serverItems,
    { type: 'separator' },
    {
      label: t.openAtLogin,
      type: 'checkbox',
      checked: openAtLogin,
      click: (item) => actions.setOpenAtLogin(Boolean(item?.checked)),
    },
    { label: t.openLogs, click: () => actions.openLogs() },
    { type: 'separator' },
    quitting ? { label: t.quitting, enabled: false } : { label: t.quit, click: () => actions.quit() },
  ];
  return { state: trayState(servers), tooltip: trayTooltip(servers, locale), menu };
}
