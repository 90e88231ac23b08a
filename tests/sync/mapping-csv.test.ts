/**
 * Issue 17 point 3: the mapping CSV. The reader takes what Excel in Bulgaria writes (BOM, `;`,
 * quoted fields, CRLF); the import is a dry-run report first (would link, conflicts, unknown on
 * either side, bad rows with a reason), applied only as reported, all rows at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from '../../electron/engine/sync/mapping/csv-read';
import type { WpGood } from '../../electron/engine/sync/ports';
import { createSyncFixture, type SyncFixture } from '../helpers/sync-fixture';

describe('reading a CSV as spreadsheets write it', () => {
  it('takes a BOM, `;`, quotes with doubled quotes and line breaks, CRLF, and skips blank lines', () => {
    const text = '\uFEFFgood_code;sku;note\r\n"A;1";"SKU ""X""";"two\r\nlines"\r\n;;\r\n\r\nG2;K2;\r\n';
    expect(readCsv(text)).toEqual([
      { line: 1, cells: ['good_code', 'sku', 'note'] },
      { line: 2, cells: ['A;1', 'SKU "X"', 'two\r\nlines'] },
      { line: 6, cells: ['G2', 'K2', ''] },
    ]);
  });

  it('takes `,` and LF or CR alone, and a last line without an end', () => {
    expect(readCsv('barcode,store_variant_id\n380,12\r381,"13"')).toEqual([
      { line: 1, cells: ['barcode', 'store_variant_id'] },
      { line: 2, cells: ['380', '12'] },
      { line: 3, cells: ['381', '13'] },
    ]);
  });
});

describe('mapping CSV export and import on real parts', () => {
  let f: SyncFixture;
  let goods: WpGood[];
  beforeAll(async () => {
    f = await createSyncFixture('sqlite', { demo: { goods: 16, problems: false } });
    goods = await f.db.goodsForExport([], 2);
    const r = await f.t.engine.sync.runToEnd({ serverId: f.server.id, task: 'export' });
    expect(r.state, r.error ?? '').toBe('succeeded');
  });
  afterAll(async () => {
    await f.cleanup();
  });

  it('exports one row per link with a header, `;`-separated, with a BOM', async () => {
    const { csv, rows, filename } = await f.t.engine.mapping.exportCsv(f.server.id);
    const links = f.t.engine.sync.state.links(f.server.id);
    expect(rows).toBe(links.size);
    expect(filename).toMatch(/^sklad-sync-mapping-.+\.csv$/);
    expect(csv.startsWith('\uFEFFgood_id;good_code;barcode;sku;store_product_id;store_variant_id;good_name\r\n')).toBe(
      true,
    );
    const records = readCsv(csv);
    expect(records).toHaveLength(links.size + 1);
    const g = goods.find((x) => links.has(x.id))!;
    const row = records.find((r) => r.cells[0] === String(g.id))!;
    const l = links.get(g.id)!;
    expect(row.cells).toEqual([
      String(g.id),
      g.code,
      g.barcode1.trim(),
      g.barcode2.trim(),
      l.productId,
      l.variantId,
      g.name,
    ]);
    // The file as exported plans as "already so" on every row.
    const again = await f.t.engine.mapping.planImport(f.server.id, csv);
    expect(again.counts.same).toBe(links.size);
  });

  it('reports every row before applying, then applies exactly the report, or nothing if it changed', async () => {
    const links = f.t.engine.sync.state.links(f.server.id);
    const linked = goods.filter((g) => links.has(g.id));
    const [a, b, c] = linked;
    // a and b swap variants (allowed: both move); c goes to b's variant too (a conflict in the file).
    const va = links.get(a.id)!.variantId;
    const vb = links.get(b.id)!.variantId;
    const csv = [
      '\uFEFFgood_id;good_code;barcode;store_variant_id;sku',
      `${a.id};;;${vb};`,
      `${b.id};;;${va};`,
      `${c.id};;;${va};`,
      `;NO-SUCH-CODE;;${va};`,
      `;${a.code};${a.barcode1.trim()};999999;`,
      `;;;;`,
      `;;3.80012E+12;${va};`,
      `;;;x;`,
    ].join('\r\n');
    const report = await f.t.engine.mapping.planImport(f.server.id, csv);
    const verdicts = report.rows.map((r) => [r.line, r.verdict]);
    expect(verdicts).toEqual([
      [2, 'relink'],
      [3, 'relink'],
      [4, 'conflict'],
      [5, 'unknown_good'],
      [6, 'unknown_variant'],
      [8, 'bad_row'],
      [9, 'bad_row'],
    ]);
    for (const r of report.rows.filter((x) => !['link', 'relink', 'same'].includes(x.verdict)))
      expect(r.reason).toMatch(/ \/ /);
    expect(report.rows[2].reason).toContain(`line 3`);
    expect(report.rows[5].reason).toContain('Excel');
    // Nothing changed by the report.
    expect(f.t.engine.sync.state.links(f.server.id).get(a.id)?.variantId).toBe(va);

    // Applying a report that no longer holds (a link changed meanwhile) applies nothing.
    await f.t.engine.mapping.unlink(f.server.id, a.id);
    await expect(f.t.engine.mapping.applyImport(f.server.id, csv, report.digest)).rejects.toThrow(
      /Nothing was applied/,
    );
    expect(f.t.engine.sync.state.links(f.server.id).get(b.id)?.variantId).toBe(vb);

    const fresh = await f.t.engine.mapping.planImport(f.server.id, csv);
    const applied = await f.t.engine.mapping.applyImport(f.server.id, csv, fresh.digest);
    expect(applied.applied).toBe(2);
    const after = f.t.engine.sync.state.links(f.server.id);
    expect(after.get(a.id)?.variantId).toBe(vb);
    expect(after.get(b.id)?.variantId).toBe(va);
    const items = f.t.engine.sync.state.runItems(applied.runId!);
    expect(items.map((i) => i.action)).toEqual(['link', 'relink']);
    // Linking by CSV lets a good kept out be exported again.
    expect(f.t.engine.sync.state.keptOut(f.server.id).has(a.id)).toBe(false);
    expect(f.t.engine.sync.state.getRun(applied.runId!)?.task).toBe('mapping');
  });
});
