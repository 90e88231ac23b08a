/**
 * Shows the router's notices as desktop notifications. A click opens the window at the notice's
 * target. Each Notification is kept referenced until it is clicked or closed: on Windows a
 * garbage-collected notification loses its click handler.
 */
import { Notification, type NativeImage } from 'electron';
import type { Notice, NoticeTarget } from './notification-router';

export interface NotifierOptions {
  enabled(): boolean;
  onClick(target: NoticeTarget): void;
  icon?: NativeImage;
  log?: (message: string) => void;
}

export class Notifier {
  private readonly live = new Set<Notification>();

  constructor(private readonly options: NotifierOptions) {}

  show(notices: Notice[]): void {
    for (const notice of notices) {
      this.options.log?.(`notify ${notice.kind} [${notice.serverId}]: ${notice.title}`);
      if (!this.options.enabled() || !Notification.isSupported()) continue;
      const n = new Notification({ title: notice.title, body: notice.body, icon: this.options.icon });
      this.live.add(n);
      n.on('click', () => {
        this.live.delete(n);
        this.options.onClick(notice.target);
      });
      n.on('close', () => this.live.delete(n));
      n.show();
    }
  }

  get pending(): number {
    return this.live.size;
  }
}
