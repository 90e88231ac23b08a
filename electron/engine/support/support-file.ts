/**
 * "Save a support file": one zip with what support needs to understand a problem, and no secret.
 * The same builder serves the desktop app, serve mode and `sklad-sync support-file`.
 *
 * Secrets are kept out in three layers: the structured files come from the views the UI gets
 * (which only say whether a key is set); every text, logs included, goes through the log redaction
 * (`redactSecrets`: passwords, keys and tokens by pattern); and then every saved secret value of
 * every server (the API keys, the database passwords), as typed, JSON-escaped or URL-encoded, is
 * replaced by `***` wherever it still appears. The state database and the key file never go in.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { arch, platform, release, type as osType, version as osVersion } from 'node:os';
import { join } from 'node:path';
import { SECRET_NAMES } from '../../../shared/types/server-profile';
import { redactSecrets } from '../secrets/redact';
import type { Engine } from '../engine';
import { writeZip, type ZipEntry } from './zip-writer';

/** Runs listed (all servers together), and how many of the latest failed ones get their failed items. */
const RUNS = 200;
const FAILED_RUNS_WITH_ITEMS = 10;
/** A log folder is 5 files of 1 MB; anything beyond this is not ours and stays out. */
const MAX_LOG_BYTES = 8 * 1024 * 1024;
/** Shorter secrets would mask ordinary words in the logs; the UI asks for longer ones anyway. */
const MIN_MASKED_SECRET = 4;

export interface SupportFile {
  filename: string;
  zip: Buffer;
  /** The names inside the zip, in order. */
  files: string[];
}

export interface SupportFileOptions {
  now?: Date;
  /** Who made it: the desktop app, serve mode or the command line. */
  madeBy?: 'electron' | 'serve' | 'cli';
}

export function buildSupportFile(engine: Engine, options: SupportFileOptions = {}): SupportFile {
  const now = options.now ?? new Date();
  const mask = secretMasker(knownSecrets(engine));
  const entries: ZipEntry[] = [];
  const add = (name: string, text: string) => entries.push({ name, data: mask(text), modified: now });
  const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';
  const { dataDir } = engine.options;

  add('README.txt', readme(now));
  // Redacted too: a feed address in the update settings may carry credentials (https://user:pw@...).
  add('app.json', redactSecrets(json(appInfo(engine, now, options.madeBy ?? engine.options.host))));
  const desktop = readJson(join(dataDir, 'shell-settings.json'));
  add('settings.json', redactSecrets(json({ app: engine.settings.get(), desktop })));

  const servers = engine.servers.list();
  const names = uniqueSlugs(servers.map((s) => s.name));
  servers.forEach((server, i) => {
    let status: unknown = null;
    try {
      status = engine.sync.status(server.id);
    } catch {
      // A server being deleted right now: its settings alone still help.
    }
    add(`servers/${names[i]}.json`, json({ ...server, status }));
  });

  const runs = engine.sync.state.listRuns(null, RUNS);
  add('runs.json', redactSecrets(json(runs)));
  for (const run of runs.filter((r) => r.state === 'failed').slice(0, FAILED_RUNS_WITH_ITEMS)) {
    const failed = engine.sync.state.runItems(run.id).filter((item) => item.status === 'failed');
    if (failed.length > 0) add(`runs/${run.id.slice(0, 8)}-failed-items.json`, redactSecrets(json({ run, failed })));
  }

  const attention = servers.map((s) => ({ serverId: s.id, server: s.name, items: engine.sync.state.attention(s.id) }));
  add('attention.json', redactSecrets(json(attention)));

  for (const { name, text } of logFiles(join(dataDir, 'logs'))) add(`logs/${name}`, redactSecrets(text));
  // Serve mode and the CLI keep no log file: the run lines since the engine started are in memory.
  servers.forEach((server, i) => {
    const lines = engine.sync.recentLog(server.id);
    if (lines.length === 0) return;
    const text = lines.map((l) => `${l.at} ${l.level.toUpperCase().padEnd(5)} ${l.task ?? ''} ${l.message}`).join('\n');
    add(`logs/recent-${names[i]}.log`, redactSecrets(text) + '\n');
  });

  const report = latestCheckStoreReport(dataDir);
  if (report) add(`check-store/${report.name}`, redactSecrets(report.text));

  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return { filename: `sklad-sync-support-${stamp}.zip`, zip: writeZip(entries), files: entries.map((e) => e.name) };
}

function appInfo(engine: Engine, now: Date, madeBy: string) {
  let updates: unknown = null;
  try {
    updates = engine.options.updates?.status() ?? null;
  } catch {
    // The updater's state is a nice-to-have here.
  }
  return {
    name: 'Sklad Sync',
    version: engine.options.version,
    madeBy,
    generatedAt: now.toISOString(),
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    locale: engine.locale,
    os: { platform: platform(), type: osType(), release: release(), version: osVersion(), arch: arch() },
    runtime: { node: process.versions.node, electron: process.versions.electron ?? null },
    dataDir: engine.options.dataDir,
    updates,
  };
}

/** Every saved secret the engine can read (in the CLI, the desktop app's safeStorage ones cannot be). */
function knownSecrets(engine: Engine): string[] {
  const found: string[] = [];
  for (const server of engine.servers.list()) {
    for (const name of SECRET_NAMES) {
      try {
        const value = engine.servers.readSecret(server.id, name);
        if (value && value.length >= MIN_MASKED_SECRET) found.push(value);
      } catch {
        // Encrypted by another host (safeStorage): pattern redaction still applies.
      }
    }
  }
  return found;
}

export function secretMasker(secrets: string[]): (text: string) => string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
    forms.add(encodeURIComponent(secret));
  }
  // Longest first, so a secret that contains another is masked whole.
  const ordered = [...forms].filter((f) => f.length >= MIN_MASKED_SECRET).sort((a, b) => b.length - a.length);
  return (text) => ordered.reduce((out, form) => out.split(form).join('***'), text);
}

function logFiles(dir: string): { name: string; text: string }[] {
  if (!existsSync(dir)) return [];
  let budget = MAX_LOG_BYTES;
  const out: { name: string; text: string }[] = [];
  // sklad-sync.log first, then .1, .2, ...: newest first, so a cut drops the oldest.
  const names = readdirSync(dir)
    .filter((n) => n.endsWith('.log'))
    .sort((a, b) => logIndex(a) - logIndex(b) || a.localeCompare(b));
  for (const name of names) {
    const full = join(dir, name);
    const size = statSync(full).size;
    if (size > budget) continue;
    budget -= size;
    out.push({ name, text: readFileSync(full, 'utf8') });
  }
  return out;
}

function logIndex(name: string): number {
  const m = name.match(/\.(\d+)\.log$/);
  return m ? Number(m[1]) : 0;
}

/** The newest `check-store*.json` in the data folder (written by `sklad-sync check-store`), if any. */
function latestCheckStoreReport(dataDir: string): { name: string; text: string } | null {
  if (!existsSync(dataDir)) return null;
  const reports = readdirSync(dataDir)
    .filter((n) => /^check-store.*\.json$/i.test(n))
    .map((name) => ({ name, mtime: statSync(join(dataDir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  if (reports.length === 0) return null;
  return { name: reports[0].name, text: readFileSync(join(dataDir, reports[0].name), 'utf8') };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** File-safe, unique names: letters (Cyrillic too), digits, dashes. */
function uniqueSlugs(names: string[]): string[] {
  const used = new Map<string, number>();
  return names.map((name) => {
    const base = name.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '') || 'server';
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}

function readme(now: Date): string {
  return [
    'Sklad Sync: файл за поддръжка / support file',
    `Създаден / made: ${now.toISOString()}`,
    '',
    'Съдържание (без ключове, пароли и токени):',
    '  app.json        версия на програмата и операционната система',
    '  settings.json   настройките на програмата',
    '  servers/        настройките на всеки сървър (ключовете са само "set"/"unset") и състоянието му',
    '  runs.json       последните изпълнения и техните грешки; runs/ - неуспешните елементи',
    '  attention.json  поръчките и стоките, които чакат намеса',
    '  logs/           дневниците (тайните са заменени с ***)',
    '  check-store/    последният доклад от проверката на магазина, ако има',
    '',
    'Contents (no API key, password or token):',
    '  app.json        the program and OS versions',
    '  settings.json   the program settings',
    '  servers/        each server settings (keys only as "set"/"unset") and its state',
    '  runs.json       the latest runs and their errors; runs/ - their failed items',
    '  attention.json  the orders and goods that need attention',
    '  logs/           the logs (secrets replaced by ***)',
    '  check-store/    the latest check-store report, if any',
    '',
  ].join('\n');
}
