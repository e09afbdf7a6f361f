import type { Populations } from '../../config/population-schema.js';
import type { Territory } from '../../config/territory-schema.js';
import { populationsOf } from './account-populations.js';
import { contactFor, describeRep, territoryOf } from './rep-mapping.js';

export interface OverlapSide {
  canonicalId: string;
  crmId: string;
  name: string;
  /** Whom to call on this side: the account's owner, else the territory's rep for this side (rep mapping). */
  owner: string | null;
  /** The same contact's name and e-mail apart (what a partner may see depends on its field allowlist). */
  ownerName: string | null;
  ownerEmail: string | null;
  populations: string[];
}

export interface OverlapPair {
  vendor: OverlapSide;
  partner: OverlapSide;
  score: number;
  reason: string;
  /** The territory covering the vendor account, when one does. */
  territory: string | null;
}

export interface OverlapReport {
  partnerId: string;
  computedAt: string;
  vendorAccounts: number;
  partnerAccounts: number;
  /** vendor population → partner population → overlapping accounts (`all` for every account). */
  matrix: Record<string, Record<string, number>>;
  pairs: OverlapPair[];
}

type Accounts = ReadonlyMap<string, { crmId: string; values: Readonly<Record<string, unknown>> }>;

/** A partner's overlap report from its matched pairs and both sides' accounts. */
export function buildOverlapReport(input: {
  partnerId: string;
  matches: Iterable<{ vendorId: string; partnerId: string; score: number; reason: string }>;
  vendor: Accounts;
  partner: Accounts;
  populations: Populations;
  territories: readonly Territory[];
}): OverlapReport {
  const { partnerId, vendor, partner, populations, territories } = input;
  const pairs: OverlapPair[] = [];
  for (const match of input.matches) {
    const v = vendor.get(match.vendorId);
    const p = partner.get(match.partnerId);
    if (!v || !p) continue;
    const territory = territoryOf(v.values, territories);
    const side = (id: string, account: { crmId: string; values: Readonly<Record<string, unknown>> }, rep: Territory['vendorRep']): OverlapSide => {
      const contact = contactFor(account.values, rep);
      return {
        canonicalId: id,
        crmId: account.crmId,
        name: typeof account.values.name === 'string' ? account.values.name : '',
        owner: contact ? describeRep(contact) : null,
        ownerName: contact?.name ?? null,
        ownerEmail: contact?.email ?? null,
        populations: populationsOf(account.values, populations),
      };
    };
    pairs.push({
      vendor: side(match.vendorId, v, territory?.vendorRep),
      partner: side(match.partnerId, p, territory?.partnerReps[partnerId]),
      score: match.score,
      reason: match.reason,
      territory: territory?.name ?? null,
    });
  }
  const matrix: Record<string, Record<string, number>> = {};
  for (const pair of pairs) {
    for (const v of ['all', ...pair.vendor.populations]) {
      const row = (matrix[v] ??= {});
      for (const p of ['all', ...pair.partner.populations]) row[p] = (row[p] ?? 0) + 1;
    }
  }
  return { partnerId, computedAt: new Date().toISOString(), vendorAccounts: vendor.size, partnerAccounts: partner.size, matrix, pairs };
}
