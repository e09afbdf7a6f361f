import freeMailProviders from 'email-providers';
import { parse } from 'tldts';
import { PAGE_PLATFORMS, SUBDOMAIN_PLATFORMS } from './platform-hosts.js';

export const FREE_MAIL: ReadonlySet<string> = new Set(freeMailProviders);

export type DomainKey =
  | { kind: 'corporate'; domain: string }
  | { kind: 'unusable'; domain: string | undefined; reason: 'missing' | 'invalid' | 'free-mail' | 'shared-platform' };

type DomainFields = { website?: string | undefined; domain?: string | undefined; email?: string | undefined };

/**
 * The registrable domain a record can be matched on, from its domain, website or e-mail — the first of them
 * that names a company, so a LinkedIn page in `website` still lets `jane@acme.com` be the key. Free-mail
 * providers (a maintained list of ~8,800 domains) and page platforms (LinkedIn, Facebook, shorteners, …) are
 * never a key; hosting tenants stay apart because the Public Suffix List's private section is used
 * (a.myshopify.com ≠ b.myshopify.com) and builders missing from it are listed in platform-hosts.ts. Domains
 * shared by many different companies in one file are found from the data itself by `SharedPlatformDetector`
 * and passed here as `shared`.
 */
export function domainKey(fields: DomainFields, shared: ReadonlySet<string> = new Set()): DomainKey {
  let firstUnusable: DomainKey | undefined;
  for (const raw of [fields.domain, fields.website, fields.email]) {
    if (raw === undefined || raw.trim() === '') continue;
    const key = keyOf(raw, shared);
    if (key.kind === 'corporate') return key;
    firstUnusable ??= key;
  }
  return firstUnusable ?? { kind: 'unusable', domain: undefined, reason: 'missing' };
}

/** The Public Suffix List's private section too, so hosting tenants (a.myshopify.com) stay apart. */
const PARSE_OPTIONS = { allowPrivateDomains: true } as const;

/** The key of one website, host, URL or e-mail address. */
function keyOf(raw: string, shared: ReadonlySet<string>): DomainKey {
  let text = raw.trim().toLowerCase();
  const at = text.lastIndexOf('@');
  // "Jane Doe <jane@acme.com>" → "acme.com"
  if (at >= 0) text = text.slice(at + 1).replace(/[>\s;,].*$/, '');
  const parsed = parse(text, PARSE_OPTIONS);
  let domain = parsed.domain;
  // A host under no known public suffix ("intranet", "acme.invalid") names nothing outside one network.
  if (domain === null || !(parsed.isIcann === true || parsed.isPrivate === true)) {
    return { kind: 'unusable', domain: undefined, reason: 'invalid' };
  }
  if (FREE_MAIL.has(domain)) return { kind: 'unusable', domain, reason: 'free-mail' };
  if (PAGE_PLATFORMS.has(domain)) return { kind: 'unusable', domain, reason: 'shared-platform' };
  if (SUBDOMAIN_PLATFORMS.has(domain)) {
    const tenant = tenantLabel(parsed.subdomain);
    if (tenant === undefined) return { kind: 'unusable', domain, reason: 'shared-platform' };
    domain = `${tenant}.${domain}`;
  }
  if (shared.has(domain)) return { kind: 'unusable', domain, reason: 'shared-platform' };
  return { kind: 'corporate', domain };
}

/** "shop.acme" under wordpress.com → "acme"; "www" alone is no tenant. */
function tenantLabel(subdomain: string | null): string | undefined {
  if (subdomain === null || subdomain === '') return undefined;
  const label = subdomain.slice(subdomain.lastIndexOf('.') + 1);
  return label === 'www' ? undefined : label;
}

/** The name part of a registrable domain: "acme" of acme.co.uk, of acme.de and of acme.myshopify.com. */
export function domainLabel(domain: string): string {
  const dot = domain.indexOf('.');
  return dot < 0 ? domain : domain.slice(0, dot);
}

/** How many different companies on one domain make it a platform rather than a company's own domain. */
export const SHARED_PLATFORM_THRESHOLD = 5;

export function firstWord(normalizedName: string): string {
  const space = normalizedName.indexOf(' ');
  return space < 0 ? normalizedName : normalizedName.slice(0, space);
}
