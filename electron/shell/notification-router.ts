/**
 * Decides which desktop notifications to show, from the engine's events and a periodic check;
 * pure, so every rule is tested without Electron. The rules:
 * - a real (not dry) run fails: once per server and task until that task succeeds again, so a
 *   server retrying on its schedule (say, the lease held by another PC) does not notify every poll;
 * - a server's count of orders needing attention grows (the count at first sight is the baseline,
 *   so starting the app does not repeat old news);
 * - a started server with the import task on has had no successful order import for longer than
 *   the limit (counted from its last import, but never from before it was seen started): once per
 *   such spell, until an import succeeds or the server stops.
 * - optionally, once a day at the time the user set: the day in short (orders imported, changes
 *   sent, failed runs, over every server), opening the history of the server that needs it most.
 * Each notice carries the screen it should open when clicked.
 */
import type { Locale } from '../../shared/ipc/contract';
import type { RunSummary, ServerStatus, TaskKind } from '../../shared/types/sync';
import type { EngineEvent } from '../engine/engine';
import { shellText } from './shell-text';

export type NoticeKind = 'run-failed' | 'attention' | 'stale-import' | 'daily-summary';

/** Where a click on the notice leads: a server's screen and tab (the renderer's nav-store tabs). */
export interface NoticeTarget {
  serverId: string;
  tab: 'activity' | 'history' | 'attention';
}

export interface Notice {
  kind: NoticeKind;
  serverId: string;
  title: string;
  body: string;
  target: NoticeTarget;
}

export interface RouterContext {
  locale(): Locale;
  serverName(serverId: string): string;
  staleImportHours(): number;
  now?(): Date;
}

/** What the periodic check needs per server. */
export interface StaleInput {
  status: ServerStatus;
  importEnabled: boolean;
}

const MAX_ERROR = 160;

export class NotificationRouter {
  private readonly failedTasks = new Set<string>();
  private readonly attention = new Map<string, number>();
  /** Per started server: when it was first seen started, its last import, and if it was told. */
  private readonly waiting = new Map<string, { startedSeen: number; lastImport: string | null; notified: boolean }>();

  private summaryDay: string | null = null;

  constructor(private readonly ctx: RouterContext) {}

  /**
   * Called with the periodic check: past `at` (local "HH:MM") and not yet today, the summary of
   * today's real runs; nothing on a day without runs.
   */
  checkDaily(at: string | null, runs: RunSummary[]): Notice[] {
    if (!at) return [];
    const now = new Date(this.now());
    const day = localDay(now);
    const [h, m] = at.split(':').map(Number);
    if (this.summaryDay === day || now.getHours() * 60 + now.getMinutes() < h * 60 + m) return [];
    this.summaryDay = day;
    const today = runs.filter((r) => !r.dryRun && localDay(new Date(r.startedAt)) === day);
    if (today.length === 0) return [];
    const sum = (keys: string[]) => today.reduce((n, r) => n + keys.reduce((k, key) => k + (r.counts[key] ?? 0), 0), 0);
    const failed = today.filter((r) => r.state === 'failed' || r.state === 'partial');
    const orders = sum(['ordersImported']);
    const changes = sum(['prices', 'quantities', 'variantsCreated', 'productsCreated', 'productsUpdated']);
    const busiest = failed[0]?.serverId ?? [...today].sort((a, b) => b.requests - a.requests)[0].serverId;
    const t = this.text();
    return [
      {
        kind: 'daily-summary',
        serverId: busiest,
        title: t.dailyTitle,
        body: t.dailyBody(orders, changes, failed.length),
        target: { serverId: busiest, tab: 'history' },
      },
    ];
  }

  onEvent(event: EngineEvent): Notice[] {
    if (event.channel === 'sync:finishedEvent') return this.onFinished(event.payload);
    if (event.channel === 'servers:stateEvent') return this.onState(event.payload);
    return [];
  }

  /** Called every few minutes with every server's status. */
  checkStale(inputs: StaleInput[]): Notice[] {
    const now = this.now();
    const limitMs = this.ctx.staleImportHours() * 3_600_000;
    const notices: Notice[] = [];
    const seen = new Set<string>();
    for (const { status, importEnabled } of inputs) {
      if (!status.started || !importEnabled) continue;
      seen.add(status.serverId);
      const lastImport = status.lastOrderImportAt;
      let entry = this.waiting.get(status.serverId);
      if (!entry) {
        entry = { startedSeen: now, lastImport, notified: false };
        this.waiting.set(status.serverId, entry);
      } else if (entry.lastImport !== lastImport) {
        // An import succeeded since: a new spell.
        entry.lastImport = lastImport;
        entry.notified = false;
      }
      // Counted from the later of the last import and the moment the server was seen started, so
      // starting a server that was off for days does not notify before it had a chance to import.
      const since = Math.max(lastImport ? Date.parse(lastImport) : 0, entry.startedSeen);
      if (!entry.notified && now - since > limitMs) {
        entry.notified = true;
        const t = this.text();
        const hours = this.ctx.staleImportHours();
        notices.push({
          kind: 'stale-import',
          serverId: status.serverId,
          title: t.staleTitle(this.ctx.serverName(status.serverId)),
          body: lastImport ? t.staleBody(hours) : t.staleBodyNever(hours),
          target: { serverId: status.serverId, tab: 'activity' },
        });
      }
    }
    // A stopped server starts a fresh spell when it is started again.
    for (const id of [...this.waiting.keys()]) if (!seen.has(id)) this.waiting.delete(id);
    return notices;
  }

  private onFinished(run: RunSummary): Notice[] {
    if (run.dryRun) return [];
    const key = `${run.serverId}/${run.task}`;
    if (run.state === 'succeeded') this.failedTasks.delete(key);
    // "With errors" (some changes not written) needs the same attention as a failure.
    if ((run.state !== 'failed' && run.state !== 'partial') || this.failedTasks.has(key)) return [];
    this.failedTasks.add(key);
    const t = this.text();
    return [
      {
        kind: 'run-failed',
        serverId: run.serverId,
        title: t.runFailedTitle(this.ctx.serverName(run.serverId)),
        body: (run.state === 'partial' ? t.runPartialBody : t.runFailedBody)(
          t.task[run.task as TaskKind],
          shortError(run.error, this.ctx.locale()),
        ),
        target: { serverId: run.serverId, tab: 'history' },
      },
    ];
  }

  private onState(status: ServerStatus): Notice[] {
    const before = this.attention.get(status.serverId);
    this.attention.set(status.serverId, status.attentionCount);
    if (before === undefined || status.attentionCount <= before) return [];
    const t = this.text();
    return [
      {
        kind: 'attention',
        serverId: status.serverId,
        title: t.attentionTitle(this.ctx.serverName(status.serverId)),
        body: t.attentionBody(status.attentionCount, status.attentionCount - before),
        target: { serverId: status.serverId, tab: 'attention' },
      },
    ];
  }

  private text() {
    return shellText(this.ctx.locale());
  }

  private now(): number {
    return (this.ctx.now?.() ?? new Date()).getTime();
  }
}

function localDay(d: Date): string {
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

/**
 * The engine's run errors are "Bulgarian / English" for its own AppErrors: keep the user's half.
 * Long driver messages are cut, a notification is no place for a stack of details.
 */
export function shortError(error: string | null, locale: Locale): string {
  if (!error) return '';
  const halves = error.split(' / ');
  const text = halves.length === 2 ? halves[locale === 'en' ? 1 : 0] : error;
  const line = text.split('\n')[0].trim();
  return line.length > MAX_ERROR ? `${line.slice(0, MAX_ERROR - 1)}…` : line;
}
