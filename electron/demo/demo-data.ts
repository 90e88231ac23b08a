/**
 * The demo-data generator: a Bulgarian shop in a fresh Warehouse Pro schema. A few hundred goods in
 * nested groups (or up to 100,000 for benchmarks), three objects in two object groups, stock, some
 * open client orders, goods sharing a Code whose Catalog1-3 hold "Type-Value" pairs, and the
 * deliberate problems the sync must report: a duplicated barcode and an empty SKU.
 */
import { ddl } from '../engine/wpdb/schema';
import { PARTNER_COLUMNS } from '../engine/wpdb/partner-writer';
import { chunks, placeholders, type SqlConn, type SqlValue } from '../engine/wpdb/sql-conn';

export interface DemoOptions {
  goods?: number;
  /** Share of goods that are variants of products (5 variants each). */
  variantShare?: number;
  seed?: number;
  /** Include the deliberate problems (duplicate barcode, empty SKU). Default true. */
  problems?: boolean;
  charset?: string;
}

export interface DemoSummary {
  goods: number;
  variantProducts: number;
  objects: { id: number; name: string; groupCode: string }[];
  duplicateBarcode: string | null;
  emptySkuGoodId: number | null;
  openOrders: number;
}

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DEMO_GOODS_GROUPS: [string, string][] = [
  ['AAA', 'Облекло'],
  ['AAAAAA', 'Тениски'],
  ['AAAAAB', 'Панталони'],
  ['AAB', 'Обувки'],
  ['AAC', 'Аксесоари'],
  ['AACAAA', 'Чанти'],
  ['AAD', 'Домашни потреби'],
];
export const DEMO_OBJECT_GROUPS: [string, string][] = [
  ['AAA', 'Магазини'],
  ['AAB', 'Складове'],
];
export const DEMO_OBJECTS = [
  { id: 2, name: 'Магазин София', groupCode: 'AAA' },
  { id: 3, name: 'Магазин Пловдив', groupCode: 'AAA' },
  { id: 4, name: 'Централен склад', groupCode: 'AAB' },
];

const SIZES = ['S', 'M', 'L', 'XL', 'XXL'];
const COLORS = ['Червен', 'Син', 'Черен', 'Бял', 'Зелен'];
const NOUNS = [
  'Тениска',
  'Панталон',
  'Маратонки',
  'Колан',
  'Чанта',
  'Чаша',
  'Възглавница',
  'Шапка',
  'Раница',
  'Одеяло',
];
const ADJ = ['Класик', 'Спорт', 'Еко', 'Премиум', 'Лято', 'Зима', 'Урбан', 'Комфорт'];

async function insertRows(db: SqlConn, table: string, columns: string[], rows: SqlValue[][]): Promise<void> {
  for (const part of chunks(rows, Math.max(1, Math.floor(2000 / columns.length)))) {
    await db.run(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${part.map(() => `(${placeholders(columns.length)})`).join(', ')}`,
      part.flat(),
    );
  }
}

/** Creates the schema and fills it. The database must be empty. */
export async function fillDemoDatabase(db: SqlConn, options: DemoOptions = {}): Promise<DemoSummary> {
  const total = options.goods ?? 300;
  const variantShare = options.variantShare ?? 0.2;
  const random = rng(options.seed ?? 42);
  const q = db.dialect.quote;
  for (const sql of ddl(db.dialect, options.charset ?? 'utf8mb4')) await db.run(sql);

  return db.transaction(async (tx) => {
    await insertRows(
      tx,
      'goodsgroups',
      ['ID', 'Name', 'Code'],
      [[1, 'Служебна група', '-1'], ...DEMO_GOODS_GROUPS.map(([code, name], i) => [i + 2, name, code])],
    );
    await insertRows(
      tx,
      'objectsgroups',
      ['ID', 'Code', 'Name'],
      [[1, '-1', 'Служебна група'], ...DEMO_OBJECT_GROUPS.map(([code, name], i) => [i + 2, code, name])],
    );
    const objectGroupId = (code: string) => DEMO_OBJECT_GROUPS.findIndex(([c]) => c === code) + 2;
    await insertRows(
      tx,
      'objects',
      ['ID', 'Code', 'Name', 'Name2', 'PriceGroup', 'IsVeryUsed', 'GroupID', 'Deleted'],
      [
        [1, ' ', 'Служебен обект', 'Служебен обект', 1, 1, -1, 0],
        ...DEMO_OBJECTS.map((o) => [o.id, String(o.id), o.name, o.name, 1, 0, objectGroupId(o.groupCode), 0]),
      ],
    );
    await insertRows(
      tx,
      'users',
      ['ID', 'Code', 'Name', 'Name2', 'GroupID', 'UserLevel', 'Deleted'],
      [
        [1, ' ', 'Служебен потребител', ' ', -1, 0, 0],
        [2, '1', 'Оператор Онлайн', ' ', 1, 3, 0],
      ],
    );
    // Partners as Warehouse Pro keeps them: every column filled, ' ' for an empty text, *2 = main.
    const partner = (
      id: number,
      code: string,
      company: string,
      mol: string,
      city: string,
      address: string,
      phone: string,
      email: string,
      groupId: number,
    ) => [
      id,
      code,
      company,
      company,
      mol,
      mol,
      city,
      city,
      address,
      address,
      phone,
      phone,
      ' ',
      email,
      ...Array.from({ length: 8 }, () => ' '),
      1,
      0,
      0,
      0,
      2,
      groupId,
      '2026-11-01 09:00:00',
      0,
      ' ',
      ' ',
      ' ',
      0,
    ];
    await insertRows(
      tx,
      'partners',
      ['ID', ...PARTNER_COLUMNS],
      [
        partner(1, ' ', 'Служебен партньор', ' ', ' ', ' ', ' ', ' ', -1),
        partner(2, '1', 'Клиент на дребно', ' ', 'София', ' ', ' ', ' ', 1),
        partner(3, '2', 'Иван Петров', 'Иван Петров', 'Пловдив', 'ул. Главна 1', '0888123456', 'ivan@example.bg', 1),
      ],
    );
    await insertRows(tx, 'partnersgroups', ['ID', 'Code', 'Name'], [[1, '-1', 'Служебна група']]);
    await insertRows(
      tx,
      'vatgroups',
      ['ID', 'Code', 'Name', 'VATValue'],
      [
        [1, '1', 'Основна ДДС група', 20],
        [2, '2', 'Намалена ставка', 9],
      ],
    );
    await insertRows(
      tx,
      'configuration',
      [q('Key'), q('Value'), 'UserID'],
      [
        ['configkey20', '-1', -1],
        ['configkey48', '0', -1],
      ],
    );

    const leafGroups = [3, 4, 5, 7, 8]; // Тениски, Панталони, Обувки, Чанти, Домашни потреби
    const goods: SqlValue[][] = [[1, ' ', ' ', ' ', ' ', ' ', ' ', 'Служебна стока', ' ', 'бр.', 0, 0, 1, -1, 0, 0]];
    const variantGoods = Math.floor((total * variantShare) / 5) * 5;
    let id = 2;
    let product = 0;
    while (id - 2 < variantGoods) {
      product++;
      const name = `${NOUNS[product % 2 === 0 ? 0 : 1]} ${ADJ[product % ADJ.length]} ${product}`;
      const price = Math.round((15 + random() * 60) * 100) / 100;
      for (let v = 0; v < 5 && id - 2 < variantGoods; v++, id++) {
        const size = SIZES[v];
        const color = COLORS[product % COLORS.length];
        goods.push([
          id,
          `P${product}`,
          ean(id),
          `SKU-P${product}-${size}`,
          `Размер-${size}`,
          `Цвят-${color}`,
          ' ',
          `${name} ${size} ${color}`,
          ' ',
          'бр.',
          round(price * 0.55),
          price,
          1,
          product % 2 === 0 ? 3 : 4,
          0,
          0,
        ]);
      }
    }
    for (; id - 2 < total; id++) {
      const name = `${NOUNS[(id * 7) % NOUNS.length]} ${ADJ[(id * 3) % ADJ.length]} ${id}`;
      const price = Math.round((2 + random() * 120) * 100) / 100;
      const group = leafGroups[(id * 13) % leafGroups.length];
      goods.push([
        id,
        `G${id}`,
        ean(id),
        `SKU-${id}`,
        ' ',
        ' ',
        ' ',
        name,
        ' ',
        group === 8 && id % 5 === 0 ? 'кг' : 'бр.',
        round(price * 0.5),
        price,
        id % 10 === 0 ? 2 : 1,
        group,
        0,
        0,
      ]);
    }
    let duplicateBarcode: string | null = null;
    let emptySkuGoodId: number | null = null;
    if (options.problems !== false && goods.length > 12) {
      // Deliberate problems for the mapping-health checks: a barcode used twice, a good without SKU.
      const a = goods[goods.length - 1];
      const b = goods[goods.length - 2];
      a[2] = b[2];
      duplicateBarcode = String(b[2]);
      const c = goods[goods.length - 3];
      c[3] = ' ';
      emptySkuGoodId = Number(c[0]);
    }
    const cols = [
      'ID',
      'Code',
      'BarCode1',
      'BarCode2',
      'Catalog1',
      'Catalog2',
      'Catalog3',
      'Name',
      'Description',
      'Measure1',
      'PriceIn',
      'PriceOut2',
      'TaxGroup',
      'GroupID',
      'Deleted',
      'Type',
    ];
    await insertRows(tx, 'goods', cols, goods);
    await tx.run(
      "UPDATE goods SET PriceOut1 = ROUND(PriceOut2 * 0.85, 2), BarCode3 = ' ', Catalog3 = ' ', Name2 = Name, Measure2 = Measure1, Ratio = 1",
    );

    const stock: SqlValue[][] = [[1, 1, 0, 0, ' ', 1, 1]];
    for (let g = 2; g < id; g++)
      for (const o of DEMO_OBJECTS) stock.push([o.id, g, Math.floor(random() * 25), 0, ' ', 1, 1]);
    await insertRows(tx, 'store', ['ObjectID', 'GoodID', 'Qtty', 'Price', 'Lot', 'LotID', 'LotOrder'], stock);

    // Open client orders (OperType 19) at the shops: they lower the available quantity.
    const orders: SqlValue[][] = [];
    const orderCount = Math.min(5, Math.floor(total / 50) + 1);
    for (let n = 1; n <= orderCount; n++) {
      const goodId = 2 + ((n * 17) % (id - 2));
      orders.push([
        19,
        n,
        goodId,
        3,
        DEMO_OBJECTS[n % 2].id,
        2,
        1 + (n % 3),
        0,
        0,
        10,
        0,
        0,
        0,
        1,
        1,
        '2026-11-20 00:00:00',
        ' ',
        1,
        `Поръчка по телефона ${n}`,
        0,
        2,
        '2026-11-20 10:00:00',
      ]);
    }
    await insertRows(
      tx,
      'operations',
      [
        'OperType',
        'Acct',
        'GoodID',
        'PartnerID',
        'ObjectID',
        'OperatorID',
        'Qtty',
        'Sign',
        'PriceIn',
        'PriceOut',
        'VATIn',
        'VATOut',
        'Discount',
        'CurrencyID',
        'CurrencyRate',
        q('Date'),
        'Lot',
        'LotID',
        'Note',
        'SrcDocID',
        'UserID',
        'UserRealTime',
      ],
      orders,
    );
    await insertRows(
      tx,
      'nextacct',
      ['NextAcct'],
      orders.map((o) => [`OR${o[1]}`]),
    );
    return {
      goods: id - 2,
      variantProducts: product,
      objects: DEMO_OBJECTS,
      duplicateBarcode,
      emptySkuGoodId,
      openOrders: orders.length,
    };
  });
}

function ean(n: number): string {
  const body = `380${String(n).padStart(9, '0')}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (i % 2 ? 3 : 1), 0);
  return body + ((10 - (sum % 10)) % 10);
}

const round = (n: number) => Math.round(n * 100) / 100;
