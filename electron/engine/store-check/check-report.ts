/**
 * The check's JSON report in the data folder, `check-store-<server>-<date>.json` (the support file
 * takes the newest `check-store*.json`), and the way back: a run's session starts its store client
 * from what the newest report for that store saw (`observedForStore`), instead of guessing, and
 * its log says so (`describeSeed`). The report never holds a key: only the store's address, the
 * rows and the observed behaviour.
 *
 * Of the observed behaviour, the platform's own forms are carried over (`featuredForm`,
 * `defaultVariant`, `defaultVariantRefusal`); whether the plan has variants is not: a plan can be
 * upgraded any day, and a run finds it out again with one request.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Localized } from '../../../shared/i18n/localized';
import { storeEndpoint } from '../../../shared/types/secret-scope';
import { ObservedSchema, type StoreCompatibility } from '../../../shared/types/store-check';
import type { ObservedBehaviour } from '../cloudcart-client/observed-behaviour';
import { APP_VERSION } from '../version';

export const REPORT_FORMAT = 'sklad-sync/check-store@1';
const REPORT_NAME = /^check-store.*\.json$/i;

export interface SavedReport {
  format: typeof REPORT_FORMAT;
  app: string;
  server: { id: string; name: string } | null;
  endpoint: string;
  result: StoreCompatibility;
}

/** Writes the report (atomically: a half-written report must not seed a run); returns its path. */
export function saveCheckReport(
  dataDir: string,
  result: StoreCompatibility,
  server: { id: string; name: string } | null,
): string {
  mkdirSync(dataDir, { recursive: true });
  const who = slug(server?.name ?? '') || slug(new URL(storeEndpoint(result.domain)).hostname) || 'store';
  const path = join(dataDir, `check-store-${who}-${result.checkedAt.slice(0, 10)}.json`);
  const report: SavedReport = {
    format: REPORT_FORMAT,
    app: APP_VERSION,
    server,
    endpoint: storeEndpoint(result.domain),
    result: { ...result, reportFile: path },
  };
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(report, null, 2)}\n`);
  renameSync(temp, path);
  return path;
}

export interface Seed {
  observed: Partial<ObservedBehaviour>;
  file: string;
  checkedAt: string;
}

/** What the newest report for this store (its scheme, host and port) observed, if any. */
export function observedForStore(dataDir: string, domain: string): Seed | null {
  let names: string[];
  try {
    names = readdirSync(dataDir).filter((n) => REPORT_NAME.test(n));
  } catch {
    return null;
  }
  const endpoint = storeEndpoint(domain);
  let best: Seed | null = null;
  for (const name of names) {
    const report = readReport(join(dataDir, name));
    if (!report || report.endpoint !== endpoint) continue;
    const observed = ObservedSchema.safeParse(report.result?.observed);
    const checkedAt = String(report.result?.checkedAt ?? '');
    if (!observed.success || !checkedAt || (best && best.checkedAt >= checkedAt)) continue;
    const { featuredForm, defaultVariant, defaultVariantRefusal } = observed.data;
    const carried: Partial<ObservedBehaviour> = {
      ...(featuredForm ? { featuredForm } : {}),
      ...(defaultVariant ? { defaultVariant } : {}),
      ...(defaultVariantRefusal ? { defaultVariantRefusal } : {}),
    };
    if (Object.keys(carried).length) best = { observed: carried, file: name, checkedAt };
  }
  return best;
}

function readReport(path: string): Partial<SavedReport> | null {
  try {
    const json = JSON.parse(readFileSync(path, 'utf8')) as Partial<SavedReport>;
    return json && json.format === REPORT_FORMAT ? json : null;
  } catch {
    return null;
  }
}

/** The run's log line: where the behaviour comes from, and what it changes against the default guess. */
export function describeSeed(seed: Seed): Localized {
  const changes: Localized[] = [];
  if (seed.observed.featuredForm === 'yes-no')
    changes.push({ bg: 'featured се праща като yes/no вместо 1', en: 'featured is sent as yes/no instead of 1' });
  if (seed.observed.defaultVariant === 'created-with-product')
    changes.push({
      bg: 'вариантът на прост продукт е този, който магазинът прави: попълва се, вместо да се създава',
      en: "a simple product's variant is the one the store makes: it is filled instead of created",
    });
  const date = seed.checkedAt.slice(0, 10);
  const what = changes.length
    ? changes
    : [{ bg: 'както е предположението по подразбиране', en: 'as the default guess' }];
  return {
    bg: `Поведение на магазина от проверката от ${date} (${seed.file}): ${what.map((c) => c.bg).join('; ')}.`,
    en: `Store behaviour from the check of ${date} (${seed.file}): ${what.map((c) => c.en).join('; ')}.`,
  };
}

/** File-safe: letters (Cyrillic too), digits, dashes. */
function slug(name: string): string {
  return name
    .replace(/[^\p{L}\p{N}_-]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}
