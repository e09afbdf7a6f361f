/** A connection the workspace does not name, or a sync object its CRM has no mapping for. */
export class MappingNotFoundError extends Error {
  override readonly name = 'MappingNotFoundError';
}
