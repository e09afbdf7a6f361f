/**
 * One account as an export gives it: `id` and `name` always, the rest when the export has them. Values are
 * raw text (a website may be a full URL, a country "Deutschland" or "DE"); matching normalises them.
 */
export interface AccountRecord {
  id: string;
  name: string;
  website?: string | undefined;
  domain?: string | undefined;
  email?: string | undefined;
  country?: string | undefined;
  state?: string | undefined;
  city?: string | undefined;
}
