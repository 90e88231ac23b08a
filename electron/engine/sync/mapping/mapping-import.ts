/**
 * A mapping CSV (good id, code or barcode <-> store variant id or SKU) turned into a dry-run report
 * before anything changes: which rows would link or relink, which are already so, and which cannot
 * be applied and why (a conflict, a good or variant not found, a malformed row). Pure: applying the
 * report is the mapping service's job, and only after the user has seen it.
 */
import { createHash } from 'node:crypto';
import type { MappingImportReport, MappingImportRow, MappingImportVerdict } from '../../../../shared/types/mapping';
import { goodLabel } from '../good-label';
import type { WpGood } from '../ports';
import type { StoreSnapshot, VariantLink } from '../sync-state';
import { clean } from '../tasks/session';
import { storeVariantLabel } from '../tasks/export-catalog';
import type { CsvRecord } from './csv-read';
import { snapshotVariants } from './mapping-rows';

type Column = 'goodId' | 'goodCode' | 'barcode' | 'sku' | 'variantId';

/** Header names per column, compared lower-case without spaces, `_` or `-` (Bulgarian ones too). */
const HEADERS: Record<Column, string[]> = {
  goodId: ['goodid', 'idнастока', 'стокаid', 'idстока'],
  goodCode: ['goodcode', 'code', 'код', 'кодстока', 'кодна стока'],
  barcode: ['barcode', 'barcode1', 'ean', 'баркод'],
  sku: ['sku', 'storesku', 'артикул'],
  variantId: ['storevariantid', 'variantid', 'вариант', 'idвариант'],
};

const norm = (h: string) => h.toLowerCase().replace(/[\s_\-.]/g, '');
/** Excel shows a long number as 3.8E+12 and saves it so: the digits are gone. */
const SCIENTIFIC = /^\d+(?:[.,]\d+)?e\+?\d+$/i;

export interface ImportInputs {
  records: CsvRecord[];
  goods: WpGood[];
  links: Map<number, VariantLink>;
  snapshot: StoreSnapshot | null;
}

function reason(bg: string, en: string): string {
  return `${bg} / ${en}`;
}

export function planMappingImport(input: ImportInputs): MappingImportReport {
  const [header, ...body] = input.records;
  const rows: MappingImportRow[] = [];
  const finish = () => report(rows);
  if (!header) {
    rows.push(bad(1, reason('Файлът е празен.', 'The file is empty.')));
    return finish();
  }
  const col = new Map<Column, number>();
  header.cells.forEach((h, i) => {
    const name = norm(h);
    for (const [c, names] of Object.entries(HEADERS) as [Column, string[]][])
      if (names.map(norm).includes(name) && !col.has(c)) col.set(c, i);
  });
  const hasGood = col.has('goodId') || col.has('goodCode') || col.has('barcode');
  const hasStore = col.has('variantId') || col.has('sku');
  if (!hasGood || !hasStore) {
    rows.push(
      bad(
        header.line,
        reason(
          'В първия ред (заглавията) липсва колона за стоката (good_id, good_code или barcode) или за магазина (store_variant_id или sku).',
          'The first row (the headers) lacks a column for the good (good_id, good_code or barcode) or for the store (store_variant_id or sku).',
        ),
      ),
    );
    return finish();
  }

  const byId = new Map(input.goods.map((g) => [g.id, g]));
  const variants = snapshotVariants(input.snapshot);
  // Indexes, so a file of 10,000 rows is not 10,000 walks over 10,000 goods.
  const index = {
    byId,
    byCode: groupBy(input.goods, (g) => clean(g.code)),
    byBarcode: groupBy(input.goods, (g) => clean(g.barcode1)),
  };
  const bySku = groupBy([...variants.values()], (v) => clean(v.sku));
  const linkedTo = new Map([...input.links.values()].map((l) => [l.variantId, l.goodId]));
  const resolved: { row: MappingImportRow; good: WpGood; variantId: string }[] = [];

  for (const rec of body) {
    const cell = (c: Column) => (col.has(c) ? clean(rec.cells[col.get(c)!]) : '');
    const sci = (['goodId', 'goodCode', 'barcode', 'sku', 'variantId'] as Column[]).find((c) =>
      SCIENTIFIC.test(cell(c)),
    );
    if (sci) {
      rows.push(
        bad(
          rec.line,
          reason(
            `„${cell(sci)}“ е число, съкратено от Excel; форматирайте колоната като текст и запишете файла отново.`,
            `"${cell(sci)}" is a number Excel shortened; format the column as Text and save the file again.`,
          ),
        ),
      );
      continue;
    }
    const good = findGood(index, cell('goodId'), cell('goodCode'), cell('barcode'));
    const variant = findVariant(variants, bySku, cell('variantId'), cell('sku'), input.snapshot);
    const goodText = good.good
      ? goodLabel(good.good)
      : [cell('goodId'), cell('goodCode'), cell('barcode')].filter(Boolean).join(' ');
    const v = variant.id ? variants.get(variant.id) : undefined;
    const variantText = v
      ? storeVariantLabel({ ...v, price: 0, quantity: 0 }, v.productName)
      : [cell('variantId'), cell('sku')].filter(Boolean).join(' ');
    const row: MappingImportRow = {
      line: rec.line,
      verdict: 'link',
      goodId: good.good?.id ?? null,
      goodLabel: goodText,
      variantId: variant.id,
      variantLabel: variantText,
      reason: '',
    };
    if (good.problem || variant.problem) {
      const problem = (good.problem ?? variant.problem)!;
      rows.push({ ...row, verdict: problem.verdict, reason: problem.reason });
      continue;
    }
    rows.push(row);
    resolved.push({ row, good: good.good!, variantId: variant.id! });
  }

  // The file as a whole: each good and each variant once; a variant linked to another good only
  // when the file moves that good elsewhere too.
  const fileGoods = new Map<number, number>();
  const fileVariants = new Map<string, number>();
  for (const r of resolved) {
    const goodLine = fileGoods.get(r.good.id);
    const variantLine = fileVariants.get(r.variantId);
    if (goodLine !== undefined || variantLine !== undefined) {
      r.row.verdict = 'conflict';
      r.row.reason =
        goodLine !== undefined
          ? reason(`Стоката е и на ред ${goodLine}.`, `The good is on line ${goodLine} too.`)
          : reason(`Вариантът е и на ред ${variantLine}.`, `The variant is on line ${variantLine} too.`);
      continue;
    }
    fileGoods.set(r.good.id, r.row.line);
    fileVariants.set(r.variantId, r.row.line);
  }
  for (const r of resolved) {
    if (r.row.verdict === 'conflict') continue;
    const current = input.links.get(r.good.id);
    if (current?.variantId === r.variantId) {
      r.row.verdict = 'same';
      continue;
    }
    const holder = linkedTo.get(r.variantId);
    if (holder !== undefined && holder !== r.good.id && !fileGoods.has(holder)) {
      const other = byId.get(holder);
      r.row.verdict = 'conflict';
      r.row.reason = reason(
        `Вариантът е свързан със стоката ${other ? goodLabel(other) : `#${holder}`}; развържете я или я включете във файла с друг вариант.`,
        `The variant is linked to the good ${other ? goodLabel(other) : `#${holder}`}; unlink it or put it in the file with another variant.`,
      );
      continue;
    }
    r.row.verdict = current ? 'relink' : 'link';
  }
  return finish();
}

function bad(line: number, why: string): MappingImportRow {
  return { line, verdict: 'bad_row', goodId: null, goodLabel: '', variantId: null, variantLabel: '', reason: why };
}

type Problem = { verdict: MappingImportVerdict; reason: string };

function groupBy<T>(list: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of list) {
    const k = key(item);
    if (k) out.set(k, [...(out.get(k) ?? []), item]);
  }
  return out;
}

interface GoodIndex {
  byId: Map<number, WpGood>;
  byCode: Map<string, WpGood[]>;
  byBarcode: Map<string, WpGood[]>;
}

function findGood(
  { byId, byCode, byBarcode }: GoodIndex,
  id: string,
  code: string,
  barcode: string,
): { good?: WpGood; problem?: Problem } {
  const notFound = (what: string): Problem => ({
    verdict: 'unknown_good',
    reason: reason(
      `Няма стока ${what} в групите, които се експортират.`,
      `No good ${what} among the exported goods groups.`,
    ),
  });
  if (id) {
    if (!/^\d+$/.test(id))
      return {
        problem: { verdict: 'bad_row', reason: reason(`„${id}“ не е номер на стока.`, `"${id}" is not a good id.`) },
      };
    const good = byId.get(Number(id));
    return good ? { good } : { problem: notFound(`с id ${id}`) };
  }
  if (!code && !barcode)
    return {
      problem: {
        verdict: 'bad_row',
        reason: reason(
          'Редът не казва коя е стоката (id, код или баркод).',
          'The row does not say which good (id, code or barcode).',
        ),
      },
    };
  let found = (code ? (byCode.get(code) ?? []) : (byBarcode.get(barcode) ?? [])).filter(
    (g) => !barcode || clean(g.barcode1) === barcode,
  );
  if (found.length === 0) return { problem: notFound(code ? `с код ${code}` : `с баркод ${barcode}`) };
  if (found.length > 1) {
    found = found.slice(0, 5);
    return {
      problem: {
        verdict: 'conflict',
        reason: reason(
          `${code ? `Кодът ${code}` : `Баркодът ${barcode}`} е на няколко стоки (${found.map(goodLabel).join('; ')}); добавете колона barcode или good_id.`,
          `${code ? `The code ${code}` : `The barcode ${barcode}`} belongs to several goods (${found.map(goodLabel).join('; ')}); add a barcode or good_id column.`,
        ),
      },
    };
  }
  return { good: found[0] };
}

function findVariant(
  variants: ReturnType<typeof snapshotVariants>,
  bySku: Map<string, unknown[]>,
  id: string,
  sku: string,
  snapshot: StoreSnapshot | null,
): { id: string | null; problem?: Problem } {
  if (!snapshot)
    return {
      id: id || null,
      problem: {
        verdict: 'unknown_variant',
        reason: reason(
          'Магазинът още не е прочетен: натиснете „Прочети магазина“ в „Съответствия“ или пуснете експорт.',
          'The store has not been read yet: press "Read the store" under "Mapping" or run an export.',
        ),
      },
    };
  const since = reason(`към ${snapshot.takenAt}`, `as of ${snapshot.takenAt}`);
  if (id) {
    return variants.has(id)
      ? { id }
      : {
          id,
          problem: {
            verdict: 'unknown_variant',
            reason: reason(`В магазина няма вариант #${id}`, `The store has no variant #${id}`) + ` (${since})`,
          },
        };
  }
  if (!sku)
    return {
      id: null,
      problem: {
        verdict: 'bad_row',
        reason: reason(
          'Редът не казва кой е вариантът (store_variant_id или sku).',
          'The row does not say which variant (store_variant_id or sku).',
        ),
      },
    };
  const found = (bySku.get(sku) ?? []) as { id: string }[];
  if (found.length === 1) return { id: found[0].id };
  return {
    id: null,
    problem: {
      verdict: found.length ? 'conflict' : 'unknown_variant',
      reason: found.length
        ? reason(
            `SKU ${sku} е на ${found.length} варианта в магазина.`,
            `SKU ${sku} is on ${found.length} store variants.`,
          )
        : reason(`В магазина няма вариант със SKU ${sku}`, `The store has no variant with SKU ${sku}`) + ` (${since})`,
    },
  };
}

function report(rows: MappingImportRow[]): MappingImportReport {
  const counts = Object.fromEntries(
    (['link', 'relink', 'same', 'conflict', 'unknown_good', 'unknown_variant', 'bad_row'] as const).map((v) => [
      v,
      rows.filter((r) => r.verdict === v).length,
    ]),
  ) as Record<MappingImportVerdict, number>;
  const digest = createHash('sha256')
    .update(JSON.stringify(rows.map((r) => [r.line, r.verdict, r.goodId, r.variantId])))
    .digest('hex')
    .slice(0, 16);
  return { rows, counts, digest, runId: null, applied: 0 };
}
