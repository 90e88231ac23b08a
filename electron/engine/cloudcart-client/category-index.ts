/**
 * The store's category tree, read once per run, so a goods group finds its category under the
 * parent it belongs to: two categories may share a name under different parents ("Аксесоари" under
 * "Мъже" and under "Жени"), and only `url_handle` is unique (api-categories.md). A name is matched
 * among the children of the intended parent only (the root when there is none), trimmed and
 * case-insensitively; a category is created under that parent when none matches. The parent comes
 * from the `parent` relationship or the read-only `parent_id` (0 or null at the root).
 */
import type { CloudCartHttp } from './http';
import { createOnce } from './create-once';
import { rel, str, type Resource } from './json-api-doc';
import { listAll } from './paging';

const ROOT = '';
const nameKey = (name: string) => name.trim().toLowerCase();

export function parentOf(c: Resource): string {
  const ref = c.relationships?.parent?.data;
  if (ref && !Array.isArray(ref)) return String(ref.id);
  const raw = c.attributes.parent_id;
  return raw === null || raw === undefined || raw === '' || Number(raw) === 0 ? ROOT : String(raw);
}

export class CategoryIndex {
  private children: Map<string, Map<string, string>> | null = null;
  private readonly names = new Map<string, string>();

  constructor(private readonly http: CloudCartHttp) {}

  /** Takes a listing already read (the catalog reads every category anyway). */
  fill(rows: Resource[]): void {
    this.children = new Map();
    this.names.clear();
    for (const c of rows) this.add(c.id, str(c.attributes.name), parentOf(c));
  }

  nameOf(id: string): string | null {
    return this.names.get(id) ?? null;
  }

  async ensure(name: string, parentId: string | null): Promise<string> {
    const parent = parentId ?? ROOT;
    if (!this.children) await this.reload();
    const known = this.children!.get(parent)?.get(nameKey(name));
    if (known) return known;
    const created = await createOnce(
      this.http,
      'categories',
      { name: name.trim() },
      parentId ? { parent: rel('categories', parentId) } : {},
      async () => {
        await this.reload();
        return this.children!.get(parent)?.get(nameKey(name)) ?? null;
      },
    );
    this.add(created.id, name.trim(), parent);
    return created.id;
  }

  private async reload(): Promise<void> {
    this.fill((await listAll(this.http, '/categories')).data);
  }

  private add(id: string, name: string, parent: string): void {
    this.names.set(id, name);
    const siblings = this.children!.get(parent) ?? new Map<string, string>();
    if (!siblings.has(nameKey(name))) siblings.set(nameKey(name), id);
    this.children!.set(parent, siblings);
  }
}
