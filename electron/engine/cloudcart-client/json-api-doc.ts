/**
 * Reading CloudCart's JSON:API documents without trusting their shape. A collection must carry a
 * list in `data`; a single-record lookup (`filter[name]` on variant-parameters and variant-options,
 * `filter[url_handle]` on products and categories: api-variant-parameters.md, api-variant-options.md,
 * api-categories.md, api-products-filtering.md) answers one object, and a miss may come back as
 * `200 {"data": null}` (as the awsbg client treats it), as an empty list, or as 404: all three mean
 * "not found" here.
 */
import { AppError } from '../errors';

export interface Resource {
  type: string;
  id: string;
  attributes: Record<string, unknown>;
  relationships?: Record<string, { data: { type: string; id: string } | { type: string; id: string }[] | null }>;
}

export interface Doc {
  data: Resource | Resource[] | null;
  included?: Resource[];
  meta?: { page?: { 'current-page'?: number; 'last-page'?: number; total?: number } };
}

export const yes = (b: boolean) => (b ? 'yes' : 'no');
export const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
export const rel = (type: string, id: string | number) => ({ data: { type, id: String(id) } });

/** The rows of a collection answer; anything but a list is a store answering out of contract. */
export function asList(doc: Doc | null, what: string): Resource[] {
  const data = doc?.data;
  if (Array.isArray(data)) return data.filter(isResource).map(normalise);
  throw new AppError('store_error', {
    bg: `Магазинът отговори на ${what} без списък (data: ${describeData(data)}). Това не е отговор по CloudCart API: проверете адреса на магазина; ако се повтаря, изпратете дневника на поддръжката на CloudCart.`,
    en: `The store answered ${what} without a list (data: ${describeData(data)}). That is not a CloudCart API answer: check the store's address; if it repeats, send the log to CloudCart support.`,
  });
}

/** A single-record lookup: one object, or null for `data: null`, an empty list or a missing `data`. */
export function asSingle(doc: Doc | null): Resource | null {
  const data = doc?.data;
  const one = Array.isArray(data) ? data.find(isResource) : isResource(data) ? data : undefined;
  return one ? normalise(one) : null;
}

/** One object a create or a read by id must return. */
export function asOne(doc: Doc | null, what: string): Resource {
  const one = asSingle(doc);
  if (one) return one;
  throw new AppError('store_error', {
    bg: `Магазинът отговори на ${what} без обект (data: ${describeData(doc?.data)}). Ще бъде проверено при следващото изпълнение.`,
    en: `The store answered ${what} without an object (data: ${describeData(doc?.data)}). It will be checked on the next run.`,
  });
}

export function isNotFound(err: unknown): boolean {
  return err instanceof AppError && (err as AppError & { status?: number }).status === 404;
}

function isResource(x: unknown): x is Resource {
  if (typeof x !== 'object' || x === null) return false;
  const id: unknown = (x as Resource).id;
  return (typeof id === 'string' && id !== '') || typeof id === 'number';
}

/** Ids are strings in JSON:API; a store that sends numbers still works. Attributes are never missing. */
function normalise(r: Resource): Resource {
  return { ...r, id: String(r.id), attributes: r.attributes ?? {} };
}

function describeData(data: unknown): string {
  if (data === null) return 'null';
  if (data === undefined) return 'missing';
  return Array.isArray(data) ? 'list' : typeof data;
}

/** Relationship ids of a resource (one or many), as strings. */
export function relIds(r: Resource, name: string): string[] {
  const d = r.relationships?.[name]?.data;
  return (Array.isArray(d) ? d : d ? [d] : []).map((x) => String(x.id));
}
