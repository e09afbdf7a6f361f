/** A stored overlap report this release cannot read (another release's format, or damaged). */
export class StoredOverlapReportInvalid extends Error {
  override readonly name = 'StoredOverlapReportInvalid';
  readonly key: string;

  constructor(key: string, detail: string, options?: ErrorOptions) {
    super(`the overlap report at ${key} is not one this release reads (${detail}); compute it again with cosell overlaps`, options);
    this.key = key;
  }
}
