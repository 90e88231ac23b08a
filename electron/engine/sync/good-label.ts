/**
 * How messages name goods: by name and code, as the shop knows them in Warehouse Pro, never by the
 * database id alone (which nobody in the shop sees). The id follows only where no name is known.
 */
export interface GoodNaming {
  code: string;
  name: string;
}

export function goodLabel(good: GoodNaming): string {
  const code = good.code.trim();
  return code ? `${good.name.trim()} [${code}]` : good.name.trim();
}

/** Several goods, each by name and code; an id whose good is unknown stays "#id". */
export function goodsLabel(ids: number[], known: Map<number, GoodNaming>): string {
  return ids
    .map((id) => {
      const good = known.get(id);
      return good ? goodLabel(good) : `#${id}`;
    })
    .join('; ');
}
