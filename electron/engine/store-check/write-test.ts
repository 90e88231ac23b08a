/**
 * The write test of the store check (`--write-test`): one throwaway, inactive product with one
 * variant, made with the sync's own calls (`createProduct`, `createVariant`, `updateVariant`,
 * `updateProduct`), read back, updated and deleted. It shows the behaviours only a write can:
 * the form of `featured`, whether the store makes the default variant itself, the duplicate
 * guard, the POST defaults, the units, the zone of the store's dates. The product is always
 * deleted, also when a step fails; when even that fails, the check says which product to delete
 * by hand. CloudCart fires `product.deleted` for the delete (api-products-side-effects.md).
 */
import type { NewStoreProduct, NewStoreVariant } from '../sync/ports';
import { asList, asOne, isNotFound, rel, str, type Doc, type Resource } from '../cloudcart-client/json-api-doc';
import type { ObservedBehaviour } from '../cloudcart-client/observed-behaviour';
import { AppError } from '../errors';
import { storeTimeToInstant } from '../rules/store-time';
import { WRITE_ROWS, type RowId } from './check-catalogue';
import { failure, l, notChecked, statusOf, type CheckContext, type Finding } from './check-context';

export interface WriteOutcome {
  state: 'done' | 'failed';
  leftBehind: { productId: string; name: string } | null;
}

/** What the test sends: 12.34 in minor units, 250 g, a quantity with three decimals. */
const PRICE = 1234;
const WEIGHT = 250;
const QUANTITY = 2.125;
const NEW_PRICE = 1299;
const NEW_QUANTITY = 3.5;
const SENT_FLAGS = { active: 'no', new: 'no', tracking: 'yes', continue_selling: 'no', shipping: 'yes' };
const UNSENT_FLAGS = ['digital', 'sale', 'draft'];

/** A step that failed: its row has the reason; the rows after it are not checked. */
class StepFailed extends Error {}

export async function writeTest(ctx: CheckContext): Promise<WriteOutcome> {
  const name = `Sklad Sync проверка ${ctx.stamp}`;
  const renamed = `${name} (2)`;
  const sku = `SKLADSYNC-CHECK-${ctx.stamp}`;
  let productId: string | null = null;
  let gone = false;
  const step = async <T>(id: RowId, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      ctx.record(id, failure(err));
      throw new StepFailed();
    }
  };
  try {
    const categoryId = await step('write-create', () => someCategory(ctx));
    const createdAt = Date.now();
    productId = (await step('write-create', () => ctx.store.createProduct(product(name, categoryId)))).productId;
    const pid = productId;
    ctx.record('write-create', {
      seen: l(`създаден #${pid}, неактивен`, `created #${pid}, inactive`),
      ok: true,
    });
    ctx.record('featured-form', featuredFinding(ctx.store.observed.featuredForm));
    const { variantId } = await step('default-variant', () => ctx.store.createVariant(pid, [], variant(sku)));
    const back = await step('default-variant', () => readBack(ctx, pid));
    ctx.record('default-variant', defaultVariantFinding(ctx.store.observed.defaultVariant, back.variants.length));
    ctx.record('post-defaults', flagsFinding(back.product));
    ctx.record(
      'units',
      unitsFinding(
        back.variants.find((v) => v.id === variantId),
        sku,
      ),
    );
    ctx.record('time-zone', zoneFinding(back.product, createdAt, ctx.facts.timeZone));
    await ctx.probe('duplicate-variant', () => duplicateFinding(ctx, pid, sku));
    await ctx.probe('update', () => updateFinding(ctx, pid, variantId, renamed));
    await ctx.probe('delete', async () => {
      await ctx.http.send('DELETE', `/products/${pid}`);
      const finding = await deletedFinding(ctx, pid);
      gone = finding.ok === true;
      return finding;
    });
  } catch (err) {
    if (!(err instanceof StepFailed)) throw err;
  }
  for (const id of WRITE_ROWS)
    if (!ctx.has(id) && id !== 'delete')
      ctx.record(id, notChecked(l('по-ранна стъпка не успя', 'an earlier step failed')));
  const leftBehind = gone ? null : await cleanUp(ctx, productId, [name, renamed]);
  const failed = WRITE_ROWS.some((id) => ctx.row(id)?.ok === false);
  return { state: failed ? 'failed' : 'done', leftBehind };
}

function product(name: string, categoryId: string): NewStoreProduct {
  return {
    name,
    description:
      'Пробен продукт на Sklad Sync: създава се и се изтрива при проверката на магазина. Ако го виждате, изтрийте го. / A Sklad Sync test product, made and deleted by the store check. If you see it, delete it.',
    categoryId,
    active: false,
    // Sent so the check learns the form the store takes; the product is inactive, so nobody sees it.
    featured: true,
    isNew: false,
    tracking: true,
    continueSelling: false,
    needsShipping: true,
    parameters: [],
  };
}

function variant(sku: string): NewStoreVariant {
  return { sku, barcode: '', price: PRICE, quantity: QUANTITY, weightGrams: WEIGHT, options: [] };
}

/** A category to put the product in (required on POST): the store's first one. */
async function someCategory(ctx: CheckContext): Promise<string> {
  const rows = asList((await ctx.http.send<Doc>('GET', '/categories?page[size]=1')).data, 'GET /categories');
  if (rows[0]) return rows[0].id;
  throw new AppError(
    'store_error',
    l(
      'Магазинът няма категория, а продуктът се създава в категория. Създайте една в CloudCart и проверете отново.',
      'The store has no category, and a product is made in one. Create one in CloudCart and check again.',
    ),
  );
}

async function readBack(ctx: CheckContext, productId: string): Promise<{ product: Resource; variants: Resource[] }> {
  const res = await ctx.http.send<Doc>('GET', `/products/${productId}?include=variants`);
  const product = asOne(res.data, `GET /products/${productId}`);
  let variants = (res.data?.included ?? []).filter((r) => r.type === 'variants');
  if (!variants.length)
    variants = asList(
      (await ctx.http.send<Doc>('GET', `/variants?filter[item_id]=${productId}`)).data,
      'GET /variants',
    );
  return {
    product,
    variants: variants.filter((v) => !v.attributes.item_id || String(v.attributes.item_id) === productId),
  };
}

function featuredFinding(form: ObservedBehaviour['featuredForm']): Finding {
  if (form === 'yes-no')
    return {
      seen: l('yes/no (1 е отказано с 422, „yes“ е прието)', 'yes/no (1 refused with 422, "yes" accepted)'),
      ok: true,
    };
  if (form === 'tinyint') return { seen: l('0/1 (1 е прието)', '0/1 (1 accepted)'), ok: true };
  return { seen: l('неизвестно', 'unknown'), ok: null };
}

function defaultVariantFinding(seen: ObservedBehaviour['defaultVariant'], count: number): Finding {
  if (count !== 1)
    return {
      seen: l(`продуктът има ${count} варианта`, `the product has ${count} variants`),
      ok: false,
      advice: l(
        'Простият продукт трябва да има точно един вариант. Изпратете доклада на поддръжката.',
        'A simple product must have exactly one variant. Send the report to support.',
      ),
    };
  if (seen === 'created-with-product')
    return {
      seen: l('да: прави го магазинът; синхронизацията го попълва', 'yes: the store makes it; the sync fills it'),
      ok: true,
    };
  return {
    seen: l('не: синхронизацията го създава (POST /variants)', 'no: the sync makes it (POST /variants)'),
    ok: true,
  };
}

function flagsFinding(p: Resource): Finding {
  const changed = Object.entries(SENT_FLAGS).filter(([k, v]) => str(p.attributes[k]) !== v);
  const unsent = UNSENT_FLAGS.map((k) => `${k} ${str(p.attributes[k]) || '—'}`).join(', ');
  if (changed.length)
    return {
      seen: l(
        `не както са пратени: ${changed.map(([k, v]) => `${k} ${str(p.attributes[k]) || '—'} (пратено ${v})`).join(', ')}`,
        `not as sent: ${changed.map(([k, v]) => `${k} ${str(p.attributes[k]) || '—'} (sent ${v})`).join(', ')}`,
      ),
      ok: false,
      advice: l(
        'Синхронизацията праща всеки флаг изрично (напр. shipping yes); магазинът не ги запазва. Пишете на поддръжката на CloudCart.',
        'The sync sends every flag (shipping yes, say); the store does not keep them. Contact CloudCart support.',
      ),
    };
  return { seen: l(`както са пратени; непратени: ${unsent}`, `as sent; not sent: ${unsent}`), ok: true };
}

function unitsFinding(v: Resource | undefined, sku: string): Finding {
  if (!v) return { seen: l('вариантът не се прочете', 'the variant could not be read'), ok: false };
  const price = Number(v.attributes.price);
  const weight = Number(v.attributes.weight);
  const quantity = Number(v.attributes.quantity);
  const text = `${price} (${(price / 100).toFixed(2)}), ${weight} g, ${quantity}`;
  const holds = price === PRICE && weight === WEIGHT && quantity === QUANTITY && str(v.attributes.sku) === sku;
  if (holds) return { seen: l(`${text}: както са пратени`, `${text}: as sent`), ok: true };
  return {
    seen: l(
      `${text}, SKU ${str(v.attributes.sku)}; пратени: ${PRICE}, ${WEIGHT} g, ${QUANTITY}`,
      `${text}, SKU ${str(v.attributes.sku)}; sent: ${PRICE}, ${WEIGHT} g, ${QUANTITY}`,
    ),
    ok: false,
    advice: l(
      'Синхронизацията праща цените в стотинки/центове, теглото в грамове и количеството с 3 знака; магазинът ги разчита другояче. Изпратете доклада на поддръжката.',
      'The sync sends prices in minor units, weights in grams and quantities with 3 decimals; the store reads them otherwise. Send the report to support.',
    ),
  };
}

/** The zone of `date_added` on the new product: its wall clock against the moment it was made. */
function zoneFinding(p: Resource, createdAt: number, timeZone: string): Finding {
  const wall = str(p.attributes.date_added ?? p.attributes.date_modified ?? p.attributes.updated_at);
  const asUtc = Date.parse(`${wall.replace(' ', 'T')}Z`);
  if (!wall || !Number.isFinite(asUtc))
    return { seen: l('продуктът не показва дата', 'the product shows no date'), ok: null };
  const quarter = 15 * 60_000;
  const offset = Math.round((asUtc - createdAt) / quarter) * quarter;
  const seenZone = utcOffset(offset);
  const instant = storeTimeToInstant(wall, timeZone);
  const setting = utcOffset(Math.round((asUtc - (instant?.getTime() ?? asUtc)) / quarter) * quarter);
  if (seenZone === setting)
    return { seen: l(`${seenZone} (${timeZone} сега)`, `${seenZone} (${timeZone} now)`), ok: true };
  return {
    seen: l(
      `${seenZone}; настройката ${timeZone} е ${setting} сега`,
      `${seenZone}; the setting ${timeZone} is ${setting} now`,
    ),
    ok: false,
    advice: l(
      `Изберете в „Часова зона на магазина“ (настройките на сървъра, раздел Магазин) зоната, която магазинът ползва (${seenZone}): часовете на поръчките се четат в нея. Проверете и часовника на този компютър.`,
      `Choose the zone the store uses (${seenZone}) in "The store's time zone" (the server's settings, Store tab): order times are read in it. Check this computer's clock too.`,
    ),
  };
}

function utcOffset(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** A second variant without options: the duplicate guard's answer. An accepted one is deleted at once. */
async function duplicateFinding(ctx: CheckContext, productId: string, sku: string): Promise<Finding> {
  const body = {
    data: {
      type: 'variants',
      attributes: { sku: `${sku}-2`, price: 1, quantity: 0 },
      relationships: { product: rel('products', productId) },
    },
  };
  try {
    const res = await ctx.http.send<Doc>('POST', '/variants', body);
    const extra = asOne(res.data, 'POST /variants');
    await ctx.http.send('DELETE', `/variants/${extra.id}`);
    return {
      seen: l('приет (вторият вариант е изтрит веднага)', 'accepted (the second variant was deleted at once)'),
      ok: true,
      advice: l(
        'Синхронизацията праща само един вариант на прост продукт.',
        'The sync sends only one variant for a simple product.',
      ),
    };
  } catch (err) {
    const status = statusOf(err);
    if (status === null || status >= 500) throw err;
    return { seen: l(`отказан (${status})`, `refused (${status})`), ok: true };
  }
}

async function updateFinding(ctx: CheckContext, productId: string, variantId: string, name: string): Promise<Finding> {
  await ctx.store.updateVariant(variantId, { price: NEW_PRICE, quantity: NEW_QUANTITY });
  await ctx.store.updateProduct(productId, { name });
  const v = asOne((await ctx.http.send<Doc>('GET', `/variants/${variantId}`)).data, 'GET /variants');
  const p = asOne((await ctx.http.send<Doc>('GET', `/products/${productId}`)).data, 'GET /products');
  const price = Number(v.attributes.price);
  const quantity = Number(v.attributes.quantity);
  const text = `${PRICE} → ${price}, ${QUANTITY} → ${quantity}`;
  if (price === NEW_PRICE && quantity === NEW_QUANTITY && str(p.attributes.name) === name)
    return { seen: l(`${text}, ново име: както са пратени`, `${text}, new name: as sent`), ok: true };
  return {
    seen: l(
      `${text}, име „${str(p.attributes.name)}“: не както са пратени`,
      `${text}, name "${str(p.attributes.name)}": not as sent`,
    ),
    ok: false,
    advice: l(
      'Магазинът не запази промяната, която синхронизацията прати. Изпратете доклада на поддръжката.',
      'The store did not keep the change the sync sent. Send the report to support.',
    ),
  };
}

async function deletedFinding(ctx: CheckContext, productId: string): Promise<Finding> {
  try {
    await ctx.http.send('GET', `/products/${productId}`);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    const left = asList(
      (await ctx.http.send<Doc>('GET', `/variants?filter[item_id]=${productId}`)).data,
      'GET /variants',
    ).filter((v) => String(v.attributes.item_id ?? productId) === productId).length;
    return {
      seen: left
        ? l(
            `изтрит; GET връща 404; GET /variants още показва ${left} вариант(а)`,
            `deleted; GET answers 404; GET /variants still lists ${left} variant(s)`,
          )
        : l('изтрит; GET връща 404, вариантът също го няма', 'deleted; GET answers 404, its variant is gone too'),
      ok: true,
    };
  }
  return {
    seen: l('DELETE е приет, но продуктът още се чете', 'DELETE was accepted, but the product can still be read'),
    ok: false,
  };
}

/**
 * After a failed step (or a delete that did not hold): the product is looked for by id and by its
 * names, deleted, and read again to be sure. What cannot be deleted is named, so a person can
 * delete it by hand; the `delete` row says what happened.
 */
async function cleanUp(
  ctx: CheckContext,
  productId: string | null,
  names: string[],
): Promise<WriteOutcome['leftBehind']> {
  const ids = new Map<string, string>();
  if (productId) ids.set(productId, names[0]);
  for (const name of names) {
    try {
      const found = asList(
        (await ctx.http.send<Doc>('GET', `/products?filter[name]=${encodeURIComponent(name)}`)).data,
        'GET /products',
      );
      for (const r of found) if (str(r.attributes.name) === name) ids.set(r.id, name);
    } catch {
      // The search is a second chance only; the id, when known, is tried below anyway.
    }
  }
  let left: WriteOutcome['leftBehind'] = null;
  for (const [id, name] of ids) if (!(await deleteFor(ctx, id))) left ??= { productId: id, name };
  const earlier = ctx.row('delete');
  const before = earlier ? `${earlier.seen.bg}; ` : '';
  const beforeEn = earlier ? `${earlier.seen.en}; ` : '';
  if (left) {
    ctx.record('delete', {
      seen: l(`${before}не може да се изтрие #${left.productId}`, `${beforeEn}could not delete #${left.productId}`),
      ok: false,
      advice: l(
        `Изтрийте на ръка продукт #${left.productId} „${left.name}“ в CloudCart: Продукти (неактивен е, клиентите не го виждат).`,
        `Delete product #${left.productId} "${left.name}" by hand in CloudCart: Products (it is inactive; customers do not see it).`,
      ),
    });
  } else if (ids.size) {
    const list = [...ids.keys()].join(', #');
    ctx.record('delete', {
      seen: l(
        `${before}изтрит при почистването (#${list}); GET връща 404`,
        `${beforeEn}deleted in the clean-up (#${list}); GET answers 404`,
      ),
      // Nothing is left behind: the sync itself never deletes a product.
      ok: true,
    });
  } else if (!earlier) {
    ctx.record('delete', { seen: l('няма създаден продукт', 'no product was made'), ok: true });
  }
  return left;
}

/** Deletes a product and reads it again: true once the store answers 404 for it. */
async function deleteFor(ctx: CheckContext, id: string): Promise<boolean> {
  try {
    await ctx.http.send('DELETE', `/products/${id}`);
  } catch (err) {
    if (!isNotFound(err)) return false;
  }
  try {
    await ctx.http.send('GET', `/products/${id}`);
    return false;
  } catch (err) {
    return isNotFound(err);
  }
}
