/**
 * The tray icon: made once at start, redrawn from the engine's events (a server started or
 * stopped, a run began or ended, a server renamed, the language changed). The icons are drawn in
 * code (icon-art.ts), one per state, at 1x and 2x for high-DPI screens.
 */
import { Menu, nativeImage, Tray, type NativeImage } from 'electron';
import type { Locale } from '../../shared/ipc/contract';
import type { ServerStatus } from '../../shared/types/sync';
import { trayIcon, type TrayState } from './icon-art';
import { encodePng } from './png';
import { trayView, type TrayActions, type TrayServer } from './tray-menu';

export interface TraySource {
  servers(): { id: string; name: string }[];
  status(serverId: string): ServerStatus;
  locale(): Locale;
  openAtLogin(): boolean;
  quitting(): boolean;
}

export class TrayController {
  private readonly tray: Tray;
  private readonly icons = new Map<TrayState, NativeImage>();
  private shownState: TrayState | null = null;

  constructor(
    private readonly source: TraySource,
    private readonly actions: TrayActions,
  ) {
    this.tray = new Tray(this.icon('idle'));
    // A left click opens the window on Windows; the menu is on the right click.
    this.tray.on('click', () => actions.open());
    this.refresh();
  }

  refresh(): void {
    if (this.tray.isDestroyed()) return;
    const servers: TrayServer[] = [];
    for (const profile of this.source.servers()) {
      try {
        servers.push({ id: profile.id, name: profile.name, status: this.source.status(profile.id) });
      } catch {
        // deleted between the list and the status: it is gone from the menu at the next refresh
      }
    }
    const view = trayView(
      {
        servers,
        locale: this.source.locale(),
        openAtLogin: this.source.openAtLogin(),
        quitting: this.source.quitting(),
      },
      this.actions,
    );
    if (view.state !== this.shownState) {
      this.tray.setImage(this.icon(view.state));
      this.shownState = view.state;
    }
    this.tray.setToolTip(view.tooltip);
    this.tray.setContextMenu(Menu.buildFromTemplate(view.menu));
  }

  get state(): TrayState | null {
    return this.shownState;
  }

  destroy(): void {
    if (!this.tray.isDestroyed()) this.tray.destroy();
  }

  private icon(state: TrayState): NativeImage {
    let image = this.icons.get(state);
    if (!image) {
      image = nativeImage.createFromBuffer(encodePng(trayIcon(state, 16)));
      image.addRepresentation({ scaleFactor: 2, buffer: encodePng(trayIcon(state, 32)) });
      this.icons.set(state, image);
    }
    return image;
  }
}
