import type { Redis } from 'ioredis';
import type { ResolvedWorkspace } from '../../config/load-workspace.js';
import { DEFAULT_POPULATIONS } from '../../config/population-schema.js';
import type { Logger } from '../../logging/logger.js';
import { DEFAULT_THRESHOLD } from '../../matching/match-weights.js';
import { prepareAccount } from '../../matching/prepared-account.js';
import type { WriteTarget } from '../change-router.js';
import type { EngineStores } from '../engine-context.js';
import { accountRecordOf } from './account-record-of.js';
import type { AccountChanges } from './account-changes.js';
import { saveOverlapReport } from './compute-overlaps.js';
import { clearPartnerSide, leaveAccountMapping } from './clear-partner-side.js';
import type { IndexedSide, MatchingIndexes } from './matching-indexes.js';
import { isMapped, OVERLAP_SOURCE, partnerSideValues, receivesOverlaps, vendorSideValues, type PairSide } from './overlap-fields.js';
import { buildOverlapReport } from './overlap-report.js';
import type { OverlapStore, StoredMatch } from './overlap-store.js';
import { recordOverlapValues, type OverlapValues } from './record-overlap-values.js';
import { contactFor, territoryOf } from './rep-mapping.js';
import { sharingFingerprint, SharingFingerprints } from './sharing-fingerprint.js';

type Workspace = Pick<ResolvedWorkspace, 'vendor' | 'partners'> & Partial<Pick<ResolvedWorkspace, 'populations' | 'territories'>>;
type Partner = ResolvedWorkspace['partners'][number];

export interface AccountMappingInput {
  workspace: Workspace;
  stores: EngineStores;
  indexes: MatchingIndexes;
  changes: AccountChanges;
  overlaps: OverlapStore;
  /** Where the per-partner reports are kept (the API reads them). */
  state: { redis: Redis; prefix: string };
  logger: Logger;
  /**
   * A partner's report (the whole matrix and pair list) is rebuilt at most this often; changes in between mark it
   * stale and the run says when the next rebuild is due. 0: rebuilt by every run that changed anything.
   */
  reportEveryMs?: number;
}

/** Reports are rebuilt at most every 5 s by default: at a million pairs a rebuild costs far more than a re-match. */
export const REPORT_EVERY_MS = 5_000;

export interface AccountMappingCounts {
  partners: number;
  /** Partner accounts whose matches were evaluated again. */
  reevaluated: number;
  /** Partner accounts whose matches changed (found, lost, or another vendor account). */
  matchesChanged: number;
  /** Accounts given new write-back values, waiting to be written. */
  partnerAccountsToWrite: number;
  vendorAccountsToWrite: number;
}

/**
 * One run of account mapping for every partner in it (sharing other than `nothing`): the accounts changed
 * since a partner's last run — its own, and the vendor accounts it matched or may now match — are matched
 * again, and nothing else; a partner without a last run (or left behind the kept changes) is matched in full.
 * Changed matches are stored, the write-back values derived from them (the vendor's side on the partner's
 * accounts, within its field allowlist; the partners on the vendor's accounts) are recorded as the
 * `=overlap` source of the canonical records, and what changed is queued for the write pass. A match that
 * went leaves blank values, so its written fields are cleared.
 * A partner whose sharing changed since the last run (its fingerprint) is re-evaluated in full, so what its
 * new policy no longer allows is cleared: fields left out of its allowlist, everything it received when it
 * now only counts, and, when it now shares `nothing`, its place on the vendor's accounts and its overlaps.
 */
export async function runAccountMapping(input: AccountMappingInput): Promise<{ counts: AccountMappingCounts; targets: WriteTarget[]; reportDueInMs?: number }> {
  const { workspace, indexes, overlaps } = input;
  const counts: AccountMappingCounts = { partners: 0, reevaluated: 0, matchesChanged: 0, partnerAccountsToWrite: 0, vendorAccountsToWrite: 0 };
  const targets: WriteTarget[] = [];
  const head = await indexes.current();
  const vendorAccountsTouched = new Set<string>();
  const mapped = workspace.partners.filter(isMapped);
  const sharing = await sharingChanges(input);
  let reportDueInMs: number | undefined;

  for (const partner of mapped) {
    counts.partners += 1;
    const side = indexes.partner(partner.id);
    const affected = await affectedPartnerAccounts(input, partner, head, sharing.changed.has(partner.id));
    const ids = [...affected];
    counts.reevaluated += ids.length;
    const before = await overlaps.matchesOf(partner.id, ids);
    const threshold = partner.matchThreshold ?? DEFAULT_THRESHOLD;
    const replaced = new Map<string, { before: StoredMatch[]; after: StoredMatch[] }>();
    const current = new Map<string, StoredMatch[]>();
    ids.forEach((id, index) => {
      const previous = before[index] ?? [];
      const account = side.accounts.get(id);
      const after = account ? matchOne(indexes.vendor, id, account.values, side, threshold) : [];
      current.set(id, after);
      if (!sameMatches(previous, after)) replaced.set(id, { before: previous, after });
      for (const m of [...previous, ...after]) vendorAccountsTouched.add(m.vendorId);
    });
    await overlaps.replace(partner.id, replaced);
    counts.matchesChanged += replaced.size;

    let toWrite = 0;
    if (receivesOverlaps(partner)) toWrite = await recordPartnerSide(input, partner, current, replaced);
    // A partner that now only counts: what it received is cleared (only accounts matched until now hold any).
    else if (sharing.changed.has(partner.id)) toWrite = await clearPartnerSide(input.stores, partner.id, ids.filter((_, index) => (before[index]?.length ?? 0) > 0));
    counts.partnerAccountsToWrite += toWrite;
    if (toWrite > 0) targets.push({ connectionId: partner.id, object: 'account' });
    await overlaps.setCursor(partner.id, head);
    const due = await maybeSaveReport(input, partner, ids.length > 0);
    if (due !== undefined) reportDueInMs = Math.min(reportDueInMs ?? due, due);
  }

  // Partners that left account mapping: cleared on their side, and no longer named on the vendor's accounts.
  const left = workspace.partners.filter((p) => !isMapped(p) && sharing.changed.has(p.id));
  for (const partner of left) {
    const { vendorIds, partnerAccountsToWrite } = await leaveAccountMapping(input.stores, overlaps, partner.id);
    for (const id of vendorIds) vendorAccountsTouched.add(id);
    counts.partnerAccountsToWrite += partnerAccountsToWrite;
    if (partnerAccountsToWrite > 0) targets.push({ connectionId: partner.id, object: 'account' });
  }

  const vendorWrites = await recordVendorSide(input, mapped, [...vendorAccountsTouched]);
  counts.vendorAccountsToWrite = vendorWrites;
  if (vendorWrites > 0) targets.push({ connectionId: 'vendor', object: 'account' });
  for (const partner of left) await overlaps.forgetPartner(partner.id);
  // Only now: a run that stopped before this point finds the old fingerprints and does it all again.
  await sharing.save();
  return { counts, targets, ...(reportDueInMs === undefined ? {} : { reportDueInMs }) };
}

/**
 * The partners whose sharing changed since their state was last brought in line with it (none stored yet
 * counts as changed: one full run), and how to store the new fingerprints once the run has done its part.
 */
async function sharingChanges(input: AccountMappingInput): Promise<{ changed: ReadonlySet<string>; save: () => Promise<void> }> {
  const { partners } = input.workspace;
  const store = new SharingFingerprints(input.state.redis, input.state.prefix);
  const stored = await store.get('mapping', partners.map((p) => p.id));
  const changed = new Map<string, string>();
  for (const [index, partner] of partners.entries()) {
    const fingerprint = sharingFingerprint(partner, input.workspace.territories ?? []);
    if (stored[index] !== fingerprint) changed.set(partner.id, fingerprint);
  }
  if (changed.size > 0) input.logger.info({ partners: [...changed.keys()] }, 'sharing changed: these partners are re-evaluated in full');
  return { changed: new Set(changed.keys()), save: () => store.set('mapping', changed) };
}

/** The partner accounts to match again: all of them on a first or lost run or a sharing change, else those the changes reach. */
async function affectedPartnerAccounts(input: AccountMappingInput, partner: Partner, head: string, full: boolean): Promise<Set<string>> {
  const { indexes, overlaps, changes } = input;
  const side = indexes.partner(partner.id);
  const cursor = full ? undefined : await overlaps.cursor(partner.id);
  const since = cursor === undefined ? undefined : await changes.readBetween(cursor, head);
  if (since === undefined) return new Set([...side.accounts.keys(), ...(await overlaps.matchedPartnerAccounts(partner.id))]);
  const affected = new Set<string>();
  const vendorChanged = new Set<string>();
  for (const change of since) {
    if (change.connectionId === partner.id) for (const id of change.canonicalIds) affected.add(id);
    else if (change.connectionId === 'vendor') for (const id of change.canonicalIds) vendorChanged.add(id);
  }
  const vendorIds = [...vendorChanged];
  // The partner accounts these vendor accounts matched (they may lose the match) …
  for (const list of await overlaps.partnerAccountsOf(partner.id, vendorIds)) for (const id of list) affected.add(id);
  // … and those they may match now: the partner's accounts searched with the vendor account.
  for (const vendorId of vendorIds) {
    const account = indexes.vendor.accounts.get(vendorId);
    if (!account) continue;
    for (const candidate of side.index.matchPrepared(prepareAccount(accountRecordOf(vendorId, account.values)), indexes.vendor.shared)) affected.add(candidate.vendorId);
  }
  return affected;
}

function matchOne(vendor: IndexedSide, id: string, values: Readonly<Record<string, unknown>>, side: IndexedSide, threshold: number): StoredMatch[] {
  return vendor.index
    .matchPrepared(prepareAccount(accountRecordOf(id, values)), side.shared)
    .filter((m) => m.score >= threshold)
    .map((m) => ({ vendorId: m.vendorId, score: m.score, reason: m.reason }));
}

function sameMatches(a: readonly StoredMatch[], b: readonly StoredMatch[]): boolean {
  return a.length === b.length && a.every((m, i) => m.vendorId === b[i]?.vendorId && m.score === b[i].score && m.reason === b[i].reason);
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** The vendor's side of a partner account: the best-matched vendor account's relationship and contact. */
async function recordPartnerSide(input: AccountMappingInput, partner: Partner, current: ReadonlyMap<string, StoredMatch[]>, replaced: ReadonlyMap<string, unknown>): Promise<number> {
  const { indexes, workspace, stores } = input;
  const side = indexes.partner(partner.id);
  const territories = workspace.territories ?? [];
  const now = new Date().toISOString();
  const items: OverlapValues[] = [];
  const gone: string[] = [];
  for (const [id, matches] of current) {
    const account = side.accounts.get(id);
    if (!account) {
      if (replaced.has(id)) gone.push(id);
      continue;
    }
    const best = matches[0] === undefined ? undefined : indexes.vendor.accounts.get(matches[0].vendorId);
    // Nothing to write for an account never matched; one whose match went gets blank values.
    if (!best && !replaced.has(id)) continue;
    const vendorSide: PairSide | undefined = best && { relationship: text(best.values.relationship), contact: contactFor(best.values, territoryOf(best.values, territories)?.vendorRep) };
    items.push({ canonicalId: id, crmId: account.crmId, modifiedAt: now, values: partnerSideValues(partner, vendorSide) });
  }
  for (const id of gone) await stores.canonical.forgetSource('account', id, OVERLAP_SOURCE);
  return recordOverlapValues(stores, partner.id, items);
}

/** The partners on each touched vendor account: every mapped partner's accounts matched to it. */
async function recordVendorSide(input: AccountMappingInput, mapped: readonly Partner[], vendorIds: readonly string[]): Promise<number> {
  const { indexes, overlaps, stores, workspace } = input;
  const territories = workspace.territories ?? [];
  const byPartner = await Promise.all(mapped.map((p) => overlaps.partnerAccountsOf(p.id, vendorIds)));
  const now = new Date().toISOString();
  const items: OverlapValues[] = [];
  for (const [index, vendorId] of vendorIds.entries()) {
    const vendor = indexes.vendor.accounts.get(vendorId);
    // A vendor account that is gone gets nothing: writing would create it again.
    if (!vendor) {
      await stores.canonical.forgetSource('account', vendorId, OVERLAP_SOURCE);
      continue;
    }
    const territory = territoryOf(vendor.values, territories);
    const partners = mapped.flatMap((partner, p) => {
      const accounts = (byPartner[p]?.[index] ?? []).flatMap((id) => {
        const own = indexes.partner(partner.id).accounts.get(id);
        return own ? [own] : [];
      });
      const first = accounts[0];
      if (!first) return [];
      return [{ name: partner.name, side: { relationship: text(first.values.relationship), contact: contactFor(first.values, territory?.partnerReps[partner.id]) } }];
    });
    items.push({ canonicalId: vendorId, crmId: vendor.crmId, modifiedAt: now, values: vendorSideValues(partners) });
  }
  return recordOverlapValues(stores, 'vendor', items);
}

/** Saves the partner's report when it has changes and is not too recent; otherwise returns when it is due. */
async function maybeSaveReport(input: AccountMappingInput, partner: Partner, changed: boolean): Promise<number | undefined> {
  const state = await input.overlaps.reportState(partner.id);
  const saved = state.savedAt > 0;
  if (!changed && !state.stale && saved) return undefined;
  const wait = state.savedAt + (input.reportEveryMs ?? REPORT_EVERY_MS) - Date.now();
  if (wait > 0 && saved) {
    await input.overlaps.markReport(partner.id, { stale: true });
    return wait;
  }
  await saveReport(input, partner);
  await input.overlaps.markReport(partner.id, { savedAt: Date.now(), stale: false });
  return undefined;
}

async function saveReport(input: AccountMappingInput, partner: Partner): Promise<void> {
  const { indexes, overlaps, workspace } = input;
  const all = await overlaps.allMatches(partner.id);
  const matches = [...all].flatMap(([partnerId, list]) => list.map((m) => ({ vendorId: m.vendorId, partnerId, score: m.score, reason: m.reason })));
  const report = buildOverlapReport({
    partnerId: partner.id,
    matches,
    vendor: indexes.vendor.accounts,
    partner: indexes.partner(partner.id).accounts,
    populations: workspace.populations ?? DEFAULT_POPULATIONS,
    territories: workspace.territories ?? [],
  });
  await saveOverlapReport(input.state, report);
}
