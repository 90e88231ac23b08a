/**
 * The shell's own words (tray, notifications): Bulgarian by default, English when the app's locale
 * is 'en'. The renderer has its own dictionaries; these few strings live with the shell because the
 * tray and the notifications are drawn by the main process.
 */
import type { Locale } from '../../shared/ipc/contract';
import type { TaskKind } from '../../shared/types/sync';

const bg = {
  open: 'Отвори Sklad Sync',
  openServer: 'Отвори',
  start: 'Стартирай',
  stop: 'Спри',
  noServers: 'Няма сървъри',
  openAtLogin: 'Стартирай при влизане в системата',
  openLogs: 'Отвори папката с журналите',
  quit: 'Изход',
  quitting: 'Спиране…',
  serverRunning: 'работи',
  serverBusy: 'синхронизира',
  serverStopped: 'спрян',
  serverFailed: 'грешка',
  tooltipIdle: 'Sklad Sync: няма работещи сървъри',
  tooltipRunning: (started: number, total: number) => `Sklad Sync: работят ${started} от ${total} сървъра`,
  tooltipBusy: 'синхронизира',
  tooltipFailed: (n: number) => (n === 1 ? '1 сървър с грешка' : `${n} сървъра с грешка`),
  task: {
    export: 'изпращане към магазина',
    import: 'внасяне на поръчки',
    'download-goods': 'сваляне на стоки',
    revert: 'връщане на изпълнение',
  } as Record<TaskKind, string>,
  runFailedTitle: (name: string) => `Грешка: ${name}`,
  runFailedBody: (task: string, error: string) => `Неуспешно ${task}. ${error}`,
  runPartialBody: (task: string, error: string) => `${task}: част от промените не са записани. ${error}`,
  dailyTitle: 'Sklad Sync: денят накратко',
  dailyBody: (orders: number, changes: number, failed: number) =>
    `Внесени поръчки: ${orders} · изпратени промени: ${changes} · неуспешни изпълнения: ${failed}.`,
  attentionTitle: (name: string) => `Поръчки за преглед: ${name}`,
  attentionBody: (n: number, added: number) =>
    `${added === 1 ? 'Нова поръчка изисква' : `${added} нови поръчки изискват`} внимание (общо ${n}).`,
  staleTitle: (name: string) => `Няма внесени поръчки: ${name}`,
  staleBody: (hours: number) => `Последното успешно внасяне на поръчки е преди повече от ${hours} ч.`,
  staleBodyNever: (hours: number) => `Сървърът работи от ${hours} ч. без успешно внасяне на поръчки.`,
};

type ShellText = typeof bg;

const en: ShellText = {
  open: 'Open Sklad Sync',
  openServer: 'Open',
  start: 'Start',
  stop: 'Stop',
  noServers: 'No servers',
  openAtLogin: 'Start when I sign in',
  openLogs: 'Open the logs folder',
  quit: 'Quit',
  quitting: 'Stopping…',
  serverRunning: 'running',
  serverBusy: 'syncing',
  serverStopped: 'stopped',
  serverFailed: 'failed',
  tooltipIdle: 'Sklad Sync: no servers running',
  tooltipRunning: (started, total) => `Sklad Sync: ${started} of ${total} servers running`,
  tooltipBusy: 'syncing',
  tooltipFailed: (n) => (n === 1 ? '1 server failed' : `${n} servers failed`),
  task: {
    export: 'export to the store',
    import: 'order import',
    'download-goods': 'goods download',
    revert: 'revert of a run',
  },
  runFailedTitle: (name) => `Failed: ${name}`,
  runFailedBody: (task, error) => `The ${task} failed. ${error}`,
  runPartialBody: (task, error) => `The ${task} did not write some changes. ${error}`,
  dailyTitle: 'Sklad Sync: the day in short',
  dailyBody: (orders, changes, failed) =>
    `Orders imported: ${orders} · changes sent: ${changes} · failed runs: ${failed}.`,
  attentionTitle: (name) => `Orders to review: ${name}`,
  attentionBody: (n, added) =>
    `${added === 1 ? 'A new order needs' : `${added} new orders need`} attention (${n} in total).`,
  staleTitle: (name) => `No orders imported: ${name}`,
  staleBody: (hours) => `The last successful order import was more than ${hours} h ago.`,
  staleBodyNever: (hours) => `The server has run for ${hours} h without a successful order import.`,
};

export function shellText(locale: Locale): ShellText {
  return locale === 'en' ? en : bg;
}
