import { AccountIndex } from './account-index.js';
import type { AccountMatch } from './account-match.js';
import type { AccountRecord } from './account-record.js';
import { SharedPlatformDetector } from './shared-platform-detector.js';
import type { MatchOptions } from './match-options.js';
import { prepareAccount, type PreparedAccount } from './prepared-account.js';

/**
 * Matches two lists of accounts held in memory: the vendor's are indexed, then each partner account is matched
 * (see AccountIndex for the rules). Domains that many different partner companies use are found first, so a
 * platform missing from platform-hosts.ts still names no one.
 */
export function matchAccounts(vendors: Iterable<AccountRecord>, partners: Iterable<AccountRecord>, options: MatchOptions = {}): AccountMatch[] {
  const index = new AccountIndex(options);
  for (const vendor of vendors) index.add(vendor);
  index.compact();
  const prepared = Array.from(partners, prepareAccount);
  const shared = sharedDomains(prepared);
  return prepared.flatMap((partner) => index.matchPrepared(partner, shared));
}

/** The domains of `accounts` that are platforms (many different companies on one domain). */
export function sharedDomains(accounts: Iterable<PreparedAccount>): Set<string> {
  const detector = new SharedPlatformDetector();
  for (const account of accounts) detector.observe(account.domain, account.name);
  return detector.shared();
}
