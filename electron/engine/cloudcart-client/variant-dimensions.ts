/**
 * Variant parameters ("Размер") and their options ("M"), store-wide (api-variant-parameters.md,
 * api-variant-options.md). They are listed once per run and matched here, case-insensitively and
 * trimmed as CloudCart compares them, instead of one `filter[name]` lookup per name: that lookup is
 * a single-record mode whose miss may be `200 {"data": null}`, an empty list or a 404, and
 * `filter[name]` on options spans every parameter. A create whose answer is lost is looked for in a
 * fresh listing before it is sent again.
 */
import type { CloudCartHttp } from './http';
import { createOnce } from './create-once';
import { rel, str, type Resource } from './json-api-doc';
import type { ObservedBehaviour } from './observed-behaviour';
import { listAll } from './paging';
import { underVariantsPlan } from './plan-features';

const key = (name: string) => name.trim().toLowerCase();

export class VariantDimensions {
  private parameters: Map<string, string> | null = null;
  /** parameter id -> option name -> option id */
  private readonly options = new Map<string, Map<string, string>>();

  constructor(
    private readonly http: CloudCartHttp,
    private readonly observed: ObservedBehaviour,
  ) {}

  async parameterId(name: string): Promise<string> {
    const known = (await this.loadParameters()).get(key(name));
    if (known) return known;
    const created = await underVariantsPlan(this.observed, 'POST', '/variant-parameters', () =>
      createOnce(this.http, 'variant-parameters', { name: name.trim(), display_type: 'select' }, {}, () =>
        this.reloadParameters().then((m) => m.get(key(name)) ?? null),
      ),
    );
    this.parameters!.set(key(name), created.id);
    return created.id;
  }

  async optionId(parameterName: string, value: string): Promise<string> {
    const parameterId = await this.parameterId(parameterName);
    const known = (await this.loadOptions(parameterId)).get(key(value));
    if (known) return known;
    const created = await underVariantsPlan(this.observed, 'POST', '/variant-options', () =>
      createOnce(
        this.http,
        'variant-options',
        { name: value.trim() },
        { parameter: rel('variant-parameters', parameterId) },
        () => this.loadOptions(parameterId, true).then((m) => m.get(key(value)) ?? null),
      ),
    );
    this.options.get(parameterId)!.set(key(value), created.id);
    return created.id;
  }

  private async loadParameters(): Promise<Map<string, string>> {
    return this.parameters ?? this.reloadParameters();
  }

  private async reloadParameters(): Promise<Map<string, string>> {
    const { data } = await underVariantsPlan(this.observed, 'GET', '/variant-parameters', () =>
      listAll(this.http, '/variant-parameters'),
    );
    this.observed.variantsInPlan ??= true;
    this.parameters = byName(data);
    return this.parameters;
  }

  private async loadOptions(parameterId: string, fresh = false): Promise<Map<string, string>> {
    const cached = this.options.get(parameterId);
    if (cached && !fresh) return cached;
    const path = `/variant-options?filter[parameter_id]=${encodeURIComponent(parameterId)}`;
    const { data } = await underVariantsPlan(this.observed, 'GET', path, () => listAll(this.http, path));
    // A store that ignores the filter still answers every option: keep the ones of this parameter.
    const mine = data.filter((o) => {
      const pid = o.attributes.parameter_id ?? o.relationships?.parameter?.data;
      const id = typeof pid === 'object' && pid !== null ? (pid as { id?: unknown }).id : pid;
      return id === undefined || id === null || String(id) === parameterId;
    });
    const map = byName(mine);
    this.options.set(parameterId, map);
    return map;
  }
}

function byName(rows: Resource[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const r of rows) {
    const name = key(str(r.attributes.name));
    if (name && !map.has(name)) map.set(name, r.id);
  }
  return map;
}
