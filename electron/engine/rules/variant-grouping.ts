/**
 * S16: goods sharing a `Code` form one store product; their variant values come from
 * Catalog1-3 written "Type-Value" ("Размер-XL", "Цвят-Червен"). A good whose catalogs hold no such
 * pair is a simple product. CloudCart allows at most 3 parameters and 500 variants per product,
 * and every variant of a product must use the same parameters: a group that breaks a rule is
 * reported, never guessed.
 */
export const MAX_PARAMETERS = 3;
export const MAX_VARIANTS = 500;

export interface GroupableGood {
  id: number;
  code: string;
  name: string;
  catalogs: [string, string, string];
}

export interface VariantOption {
  parameter: string;
  value: string;
}

export interface ProductGroup<G extends GroupableGood> {
  /** The shared Code, or `#<id>` for a good without a code. */
  key: string;
  /** Parameter names in slot order (empty for a simple product). */
  parameters: string[];
  variants: { good: G; options: VariantOption[] }[];
}

export interface GroupingProblem {
  goodIds: number[];
  code: string;
  reason: 'mixed_parameters' | 'too_many_parameters' | 'too_many_variants' | 'duplicate_combination';
  detail: string;
}

/** "Размер-XL" -> {Размер, XL}; the first hyphen splits, so values may contain hyphens. */
export function parseOption(text: string): VariantOption | null {
  const trimmed = (text ?? '').trim();
  const dash = trimmed.indexOf('-');
  if (dash <= 0 || dash === trimmed.length - 1) return null;
  const parameter = trimmed.slice(0, dash).trim();
  const value = trimmed.slice(dash + 1).trim();
  return parameter && value ? { parameter, value } : null;
}

export function optionsOf(good: GroupableGood): VariantOption[] {
  return good.catalogs.map(parseOption).filter((o): o is VariantOption => o !== null);
}

export function groupIntoProducts<G extends GroupableGood>(
  goods: G[],
): { products: ProductGroup<G>[]; problems: GroupingProblem[] } {
  const byCode = new Map<string, G[]>();
  for (const good of goods) {
    const code = good.code.trim();
    const key = code === '' ? `#${good.id}` : code;
    const list = byCode.get(key) ?? [];
    list.push(good);
    byCode.set(key, list);
  }
  const products: ProductGroup<G>[] = [];
  const problems: GroupingProblem[] = [];
  for (const [key, members] of byCode) {
    const withOptions = members.map((good) => ({ good, options: optionsOf(good) }));
    const signature = (opts: VariantOption[]) => opts.map((o) => o.parameter.toLocaleLowerCase('bg')).join('|');
    const first = signature(withOptions[0].options);
    const ids = members.map((g) => g.id);
    if (withOptions.some((v) => signature(v.options) !== first)) {
      problems.push({
        goodIds: ids,
        code: key,
        reason: 'mixed_parameters',
        detail: [...new Set(withOptions.map((v) => signature(v.options) || '—'))].join(' / '),
      });
      continue;
    }
    const parameters = withOptions[0].options.map((o) => o.parameter);
    if (parameters.length > MAX_PARAMETERS) {
      problems.push({ goodIds: ids, code: key, reason: 'too_many_parameters', detail: parameters.join(', ') });
      continue;
    }
    if (members.length > 1 && parameters.length === 0) {
      problems.push({
        goodIds: ids,
        code: key,
        reason: 'duplicate_combination',
        detail: 'same Code, no Type-Value catalogs',
      });
      continue;
    }
    if (members.length > MAX_VARIANTS) {
      problems.push({
        goodIds: ids,
        code: key,
        reason: 'too_many_variants',
        detail: `${members.length} > ${MAX_VARIANTS}`,
      });
      continue;
    }
    const combos = new Map<string, number[]>();
    for (const v of withOptions) {
      const combo = v.options.map((o) => o.value.toLocaleLowerCase('bg')).join('|');
      combos.set(combo, [...(combos.get(combo) ?? []), v.good.id]);
    }
    const clash = [...combos.values()].find((list) => list.length > 1);
    if (clash) {
      problems.push({
        goodIds: clash,
        code: key,
        reason: 'duplicate_combination',
        detail: 'two goods with the same option values',
      });
      continue;
    }
    products.push({ key, parameters, variants: withOptions });
  }
  return { products, problems };
}
