import freeMailProviders from 'email-providers';
import { registrableDomain } from '../mappings/transforms/domain-transform.js';

const FREE_MAIL = new Set(freeMailProviders);

export type DomainKey =
  | { kind: 'corporate'; domain: string }
  | { kind: 'unusable'; domain: string | undefined; reason: 'missing' | 'invalid' | 'free-mail' | 'shared-platform' };

/**
 * The registrable domain a record can be matched on, from its website, domain or e-mail. Free-mail
 * providers (a maintained list of ~8,800 domains) are never a key; hosting tenants stay apart because the
 * Public Suffix List's private section is used (a.myshopify.com ≠ b.myshopify.com). Domains shared by many
 * different companies in one file (social networks, directories, link shorteners) are found from the data
 * itself by `SharedPlatformDetector` and passed here as `shared`.
 */
export function domainKey(
  fields: { website?: string | undefined; domain?: string | undefined; email?: string | undefined },
  shared: ReadonlySet<string> = new Set(),
): DomainKey {
  const raw = [fields.domain, fields.website, fields.email].find((value) => value !== undefined && value.trim() !== '');
  if (raw === undefined) return { kind: 'unusable', domain: undefined, reason: 'missing' };
  const domain = registrableDomain(raw);
  if (domain === null) return { kind: 'unusable', domain: undefined, reason: 'invalid' };
  if (FREE_MAIL.has(domain)) return { kind: 'unusable', domain, reason: 'free-mail' };
  if (shared.has(domain)) return { kind: 'unusable', domain, reason: 'shared-platform' };
  return { kind: 'corporate', domain };
}

/**
 * Finds platform domains from the data: a registrable domain used by records with many different company
 * names (a LinkedIn or Facebook page, a directory, a link shortener) identifies no company. Feed it every
 * (domain, normalised name) pair of a file, then read `shared()`.
 */
export class SharedPlatformDetector {
  readonly #names = new Map<string, Set<string>>();
  readonly #threshold: number;

  /** `threshold` distinct names on one domain make it a platform (default 5). */
  constructor(threshold = 5) {
    this.#threshold = threshold;
  }

  observe(domain: string | undefined, normalizedName: string): void {
    if (domain === undefined || FREE_MAIL.has(domain)) return;
    let names = this.#names.get(domain);
    if (!names) {
      names = new Set();
      this.#names.set(domain, names);
    }
    if (names.size < this.#threshold) names.add(normalizedName);
  }

  shared(): Set<string> {
    return new Set([...this.#names].filter(([, names]) => names.size >= this.#threshold).map(([domain]) => domain));
  }
}
