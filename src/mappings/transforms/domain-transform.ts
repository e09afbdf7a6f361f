import { getDomain } from 'tldts';
import { isBlank, TransformError, type Transform } from './transform.js';

/**
 * The registrable domain of a website, URL, host or e-mail address, by the Public Suffix List (private
 * section included, so tenants of hosting platforms — a.myshopify.com, b.myshopify.com — stay apart).
 * `https://www.shop.acme.co.uk/en` and `jane@acme.co.uk` both become `acme.co.uk`. Written back as is.
 */
export const domain: Transform = {
  name: 'domain',
  toCanonical: (value) => {
    if (isBlank(value)) return null;
    if (typeof value !== 'string') throw new TransformError('domain', value, 'a website, host or e-mail address');
    return registrableDomain(value);
  },
  toCrm: (value) => (isBlank(value) ? null : value),
};

export function registrableDomain(input: string): string | null {
  let text = input.trim().toLowerCase();
  const at = text.lastIndexOf('@');
  if (at >= 0) text = text.slice(at + 1);
  if (!/^[a-z][a-z0-9+.-]*:\/\//.test(text)) text = `http://${text}`;
  let host: string;
  try {
    host = new URL(text).hostname;
  } catch {
    return null;
  }
  return getDomain(host, { allowPrivateDomains: true }) ?? null;
}
