/**
 * Our own DDL for the Warehouse Pro tables the sync touches, written from the documented names and
 * types (warehouse-pro-schema.md §2, §6), for the test databases and the embedded demo. One
 * column list, rendered per dialect. `sklad_sync_lease` is ours: the lease of B6.
 */
import type { Dialect } from './sql-conn';

type ColType = 'id' | 'int' | 'double' | 'text' | 'datetime';
type Table = { name: string; columns: [string, ColType, string?][]; indexes: string[][] };

const prices = Array.from({ length: 10 }, (_, i) => [`PriceOut${i + 1}`, 'double'] as [string, ColType]);

export const TABLES: Table[] = [
  {
    name: 'goodsgroups',
    columns: [
      ['ID', 'id'],
      ['Name', 'text'],
      ['Code', 'text'],
    ],
    indexes: [['Code']],
  },
  {
    name: 'objectsgroups',
    columns: [
      ['ID', 'id'],
      ['Code', 'text'],
      ['Name', 'text'],
    ],
    indexes: [['Code']],
  },
  {
    name: 'partnersgroups',
    columns: [
      ['ID', 'id'],
      ['Code', 'text'],
      ['Name', 'text'],
    ],
    indexes: [['Code']],
  },
  {
    name: 'goods',
    columns: [
      ['ID', 'id'],
      ['Code', 'text'],
      ['BarCode1', 'text'],
      ['BarCode2', 'text'],
      ['BarCode3', 'text'],
      ['Catalog1', 'text'],
      ['Catalog2', 'text'],
      ['Catalog3', 'text'],
      ['Name', 'text'],
      ['Name2', 'text'],
      ['Measure1', 'text'],
      ['Measure2', 'text'],
      ['Ratio', 'double'],
      ['PriceIn', 'double'],
      ...prices,
      ['MinQtty', 'double'],
      ['NormalQtty', 'double'],
      ['Description', 'text'],
      ['Type', 'int'],
      ['IsRecipe', 'int'],
      ['TaxGroup', 'int'],
      ['IsVeryUsed', 'int'],
      ['GroupID', 'int'],
      ['Deleted', 'int'],
    ],
    indexes: [['Code'], ['BarCode1'], ['BarCode2'], ['GroupID']],
  },
  {
    name: 'objects',
    columns: [
      ['ID', 'id'],
      ['Code', 'text'],
      ['Name', 'text'],
      ['Name2', 'text'],
      ['PriceGroup', 'int'],
      ['IsVeryUsed', 'int'],
      ['GroupID', 'int'],
      ['Deleted', 'int'],
    ],
    indexes: [['GroupID']],
  },
  {
    name: 'store',
    columns: [
      ['ID', 'id'],
      ['ObjectID', 'int'],
      ['GoodID', 'int'],
      ['Qtty', 'double'],
      ['Price', 'double'],
      ['Lot', 'text'],
      ['LotID', 'int'],
      ['LotOrder', 'int'],
    ],
    indexes: [['GoodID'], ['ObjectID', 'GoodID']],
  },
  {
    name: 'operations',
    columns: [
      ['ID', 'id'],
      ['OperType', 'int'],
      ['Acct', 'int'],
      ['GoodID', 'int'],
      ['PartnerID', 'int'],
      ['ObjectID', 'int'],
      ['OperatorID', 'int'],
      ['Qtty', 'double'],
      ['Sign', 'int'],
      ['PriceIn', 'double'],
      ['PriceOut', 'double'],
      ['VATIn', 'double'],
      ['VATOut', 'double'],
      ['Discount', 'double'],
      ['CurrencyID', 'int'],
      ['CurrencyRate', 'double'],
      ['Date', 'datetime'],
      ['Lot', 'text'],
      ['LotID', 'int'],
      ['Note', 'text'],
      ['SrcDocID', 'int'],
      ['UserID', 'int'],
      ['UserRealTime', 'datetime'],
    ],
    indexes: [['OperType', 'Acct'], ['GoodID'], ['ObjectID'], ['Note']],
  },
  {
    // Every column of Warehouse Open's `partners` (Blank_307.sql): a new partner is written whole.
    name: 'partners',
    columns: [
      ['ID', 'id'],
      ...(
        [
          'Code',
          'Company',
          'Company2',
          'MOL',
          'MOL2',
          'City',
          'City2',
          'Address',
          'Address2',
          'Phone',
          'Phone2',
          'Fax',
          'eMail',
          'TaxNo',
          'Bulstat',
          'BankName',
          'BankCode',
          'BankAcct',
          'BankVATName',
          'BankVATCode',
          'BankVATAcct',
        ] as const
      ).map((c) => [c, 'text'] as [string, ColType]),
      ['PriceGroup', 'int'],
      ['Discount', 'double'],
      ['Type', 'int'],
      ['IsVeryUsed', 'int'],
      ['UserID', 'int'],
      ['GroupID', 'int'],
      ['UserRealTime', 'datetime'],
      ['Deleted', 'int'],
      ['CardNumber', 'text'],
      ['Note1', 'text'],
      ['Note2', 'text'],
      ['PaymentDays', 'int'],
    ],
    indexes: [['eMail'], ['Code']],
  },
  {
    name: 'users',
    columns: [
      ['ID', 'id'],
      ['Code', 'text'],
      ['Name', 'text'],
      ['Name2', 'text'],
      ['GroupID', 'int'],
      ['UserLevel', 'int'],
      ['Deleted', 'int'],
    ],
    indexes: [],
  },
  { name: 'nextacct', columns: [['NextAcct', 'text', 'pk']], indexes: [] },
  {
    name: 'vatgroups',
    columns: [
      ['ID', 'id'],
      ['Code', 'text'],
      ['Name', 'text'],
      ['VATValue', 'double'],
    ],
    indexes: [],
  },
  {
    name: 'configuration',
    columns: [
      ['ID', 'id'],
      ['Key', 'text'],
      ['Value', 'text'],
      ['UserID', 'int'],
    ],
    indexes: [['Key']],
  },
];

/** Ours, not Warehouse Pro's: who runs which server, until when (B6). */
export const LEASE_TABLE: Table = {
  name: 'sklad_sync_lease',
  columns: [
    ['Name', 'text', 'pk'],
    ['Holder', 'text'],
    ['ExpiresAt', 'double'],
  ],
  indexes: [],
};

/** What the sync needs to find, for the schema check: table -> columns. */
export const REQUIRED: Record<string, string[]> = Object.fromEntries(
  TABLES.filter((t) => !['partnersgroups'].includes(t.name)).map((t) => [t.name, t.columns.map((c) => c[0])]),
);

/**
 * Columns the program writes the way Warehouse Pro does, never NULL (an empty text is ' ', a number
 * 0): the database test, the demo and the test databases flag a NULL in any of them.
 */
export const NULL_CHECKED: Record<string, string[]> = Object.fromEntries(
  ['partners', 'goods', 'goodsgroups', 'store'].map((name) => [
    name,
    TABLES.find((t) => t.name === name)!
      .columns.map((c) => c[0])
      .filter((c) => c !== 'ID'),
  ]),
);

function colType(type: ColType, dialect: Dialect['kind'], pk: boolean): string {
  if (dialect === 'sqlite') {
    return {
      id: 'INTEGER PRIMARY KEY AUTOINCREMENT',
      int: 'INTEGER DEFAULT 0',
      double: 'REAL DEFAULT 0',
      text: pk ? 'TEXT NOT NULL PRIMARY KEY' : 'TEXT',
      datetime: 'TEXT',
    }[type];
  }
  if (dialect === 'mysql') {
    return {
      id: 'INT NOT NULL AUTO_INCREMENT PRIMARY KEY',
      int: 'INT DEFAULT 0',
      double: 'DOUBLE DEFAULT 0',
      text: pk ? 'VARCHAR(50) NOT NULL PRIMARY KEY' : 'VARCHAR(255)',
      datetime: 'DATETIME',
    }[type];
  }
  return {
    id: 'INT IDENTITY(1,1) NOT NULL PRIMARY KEY',
    int: 'INT DEFAULT 0',
    double: 'FLOAT DEFAULT 0',
    text: pk ? 'NVARCHAR(50) NOT NULL PRIMARY KEY' : 'NVARCHAR(255)',
    datetime: 'DATETIME',
  }[type];
}

/** CREATE TABLE statements for a dialect; MySQL tables take the given character set (utf8mb4, utf8, cp1251). */
export function ddl(dialect: Dialect, charset = 'utf8mb4', tables: Table[] = [...TABLES, LEASE_TABLE]): string[] {
  const out: string[] = [];
  for (const t of tables) {
    const name = dialect.kind === 'mssql' ? pascal(t.name) : t.name;
    const cols = t.columns.map(([c, type, pk]) => `${dialect.quote(c)} ${colType(type, dialect.kind, pk === 'pk')}`);
    const suffix = dialect.kind === 'mysql' ? ` ENGINE=InnoDB DEFAULT CHARSET=${charset}` : '';
    out.push(`CREATE TABLE ${name} (${cols.join(', ')})${suffix}`);
    t.indexes.forEach((cols, i) => {
      const keyCols = cols.map((c) =>
        dialect.kind === 'mysql' && t.columns.find((x) => x[0] === c)?.[1] === 'text'
          ? `${dialect.quote(c)}(191)`
          : dialect.quote(c),
      );
      out.push(`CREATE INDEX ix_${t.name}_${i} ON ${name} (${keyCols.join(', ')})`);
    });
  }
  return out;
}

function pascal(name: string): string {
  const map: Record<string, string> = {
    goodsgroups: 'GoodsGroups',
    objectsgroups: 'ObjectsGroups',
    partnersgroups: 'PartnersGroups',
    nextacct: 'NextAcct',
    vatgroups: 'VATGroups',
    // Ours: the shared SQL names it sklad_sync_lease on every database.
    sklad_sync_lease: 'sklad_sync_lease',
  };
  return map[name] ?? name.charAt(0).toUpperCase() + name.slice(1);
}
