/** Opportunities that cannot be linked: one of them is missing from its CRM, or could not be recorded. */
export class LinkError extends Error {
  override readonly name = 'LinkError';
}
