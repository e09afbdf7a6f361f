import { mappingKey, type CompiledMapping } from './compiled-mapping.js';

/** All mappings of a deployment: the shipped ones, and each partner's overridden versions. */
export class MappingSet {
  readonly #base: ReadonlyMap<string, CompiledMapping>;
  readonly #partners: ReadonlyMap<string, ReadonlyMap<string, CompiledMapping>>;

  constructor(base: ReadonlyMap<string, CompiledMapping>, partners: ReadonlyMap<string, ReadonlyMap<string, CompiledMapping>>) {
    this.#base = base;
    this.#partners = partners;
  }

  /** The mapping of a CRM object, with the partner's override applied when there is one. */
  get(crm: string, object: string, partnerId?: string): CompiledMapping | undefined {
    const key = mappingKey(crm, object);
    return (partnerId === undefined ? undefined : this.#partners.get(partnerId)?.get(key)) ?? this.#base.get(key);
  }

  base(): CompiledMapping[] {
    return [...this.#base.values()];
  }

  overridden(): { partnerId: string; mapping: CompiledMapping }[] {
    return [...this.#partners].flatMap(([partnerId, mappings]) => [...mappings.values()].map((mapping) => ({ partnerId, mapping })));
  }
}
