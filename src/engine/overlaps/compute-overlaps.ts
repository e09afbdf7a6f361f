import type { Redis } from 'ioredis';
import type { ResolvedWorkspace } from '../../config/load-workspace.js';
import { DEFAULT_POPULATIONS } from '../../config/population-schema.js';
import { matchAccounts } from '../../matching/match-accounts.js';
import { stateKey } from '../../redis/key-prefix.js';
import { crmObjectFor } from '../crm-objects.js';
import type { EngineStores } from '../engine-context.js';
import { accountRecordOf } from './account-record-of.js';
import { buildOverlapReport, type OverlapReport } from './overlap-report.js';
import { ownAccounts } from './own-accounts.js';
import { readSourceAccounts, type SourceAccount } from './read-accounts.js';

export type { OverlapPair, OverlapReport } from './overlap-report.js';

type Workspace = Pick<ResolvedWorkspace, 'vendor' | 'partners'> & Partial<Pick<ResolvedWorkspace, 'populations' | 'territories'>>;

const byId = (accounts: readonly SourceAccount[]) => new Map(accounts.map((a) => [a.canonicalId, { crmId: a.crmId, values: a.values }]));

/**
 * Which vendor accounts a partner also has, computed afresh from the synced accounts: the vendor's and the
 * partner's own (the accounts the engine made in the partner's CRM are left out: own-accounts.ts), matched by
 * domain and name (src/matching), each pair with its score, reason, populations and contacts (rep mapping).
 */
export async function computeOverlaps(workspace: Workspace, stores: EngineStores, partnerId: string): Promise<OverlapReport> {
  const partner = workspace.partners.find((p) => p.id === partnerId);
  if (!partner) throw new Error(`no partner "${partnerId}" in the workspace; partners: ${workspace.partners.map((p) => p.id).join(', ') || 'none'}`);
  const vendorAccounts = await readSourceAccounts(stores, 'vendor', crmObjectFor(workspace.vendor.connection.kind, 'account'));
  const partnerObject = crmObjectFor(partner.connection.kind, 'account');
  const read = await readSourceAccounts(stores, partnerId, partnerObject);
  const own = await ownAccounts(stores, partner, partnerObject, read.map((a) => ({ canonicalId: a.canonicalId, crmId: a.crmId, fromVendor: a.alsoIn.includes('vendor') })));
  const partnerAccounts = read.filter((_, index) => own[index]);
  const toRecord = (a: SourceAccount) => accountRecordOf(a.canonicalId, a.values);
  const matches = matchAccounts(vendorAccounts.map(toRecord), partnerAccounts.map(toRecord), partner.matchThreshold === undefined ? {} : { threshold: partner.matchThreshold });
  return buildOverlapReport({
    partnerId,
    matches,
    vendor: byId(vendorAccounts),
    partner: byId(partnerAccounts),
    populations: workspace.populations ?? DEFAULT_POPULATIONS,
    territories: workspace.territories ?? [],
  });
}

/** The latest report per partner, kept for the API and the dashboard. */
export async function saveOverlapReport(stores: { redis: Redis; prefix: string }, report: OverlapReport): Promise<void> {
  await stores.redis.set(stateKey(stores.prefix, 'overlaps', report.partnerId), JSON.stringify(report));
}

