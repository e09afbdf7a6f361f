import type { AccountRecord } from '../account-record.js';
import { domainKey } from '../domain-key.js';
import type { AccountPair } from './generate-evaluation-set.js';

/**
 * The baseline: the join a person would do in a spreadsheet. Each record's host — its website or domain in
 * lower case without scheme, "www.", port and path, else its e-mail's domain — joined on equality, every pair.
 */
export function exactDomainJoin(vendors: readonly AccountRecord[], partners: readonly AccountRecord[]): Iterable<AccountPair> {
  return joinOn(vendors, partners, plainHost);
}

/**
 * A second, fairer baseline: the join on the matcher's own domain key (registrable domain; free mail, page
 * platforms and hosting tenants handled), without any name matching.
 */
export function domainKeyJoin(vendors: readonly AccountRecord[], partners: readonly AccountRecord[]): Iterable<AccountPair> {
  return joinOn(vendors, partners, (record) => {
    const key = domainKey(record);
    return key.kind === 'corporate' ? key.domain : undefined;
  });
}

/** Every (vendor, partner) pair with equal keys, one at a time: a plain join on gmail.com yields millions. */
function* joinOn(vendors: readonly AccountRecord[], partners: readonly AccountRecord[], keyOf: (record: AccountRecord) => string | undefined): Generator<AccountPair> {
  const vendorIdsByKey = new Map<string, string[]>();
  for (const vendor of vendors) {
    const key = keyOf(vendor);
    if (key === undefined) continue;
    const ids = vendorIdsByKey.get(key);
    if (ids) ids.push(vendor.id);
    else vendorIdsByKey.set(key, [vendor.id]);
  }
  for (const partner of partners) {
    const key = keyOf(partner);
    if (key === undefined) continue;
    for (const vendorId of vendorIdsByKey.get(key) ?? []) yield { vendorId, partnerId: partner.id };
  }
}

function plainHost(record: AccountRecord): string | undefined {
  const site = (record.domain ?? record.website ?? '').trim().toLowerCase();
  if (site !== '') {
    const host = site.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/^www\./, '').replace(/[/:?#].*$/, '');
    return host === '' ? undefined : host;
  }
  const email = (record.email ?? '').trim().toLowerCase();
  const at = email.lastIndexOf('@');
  return at < 0 || at === email.length - 1 ? undefined : email.slice(at + 1);
}
