import type { ResolvedWorkspace } from '../../config/load-workspace.js';
import { AccountIndex } from '../../matching/account-index.js';
import { sharedDomains } from '../../matching/match-accounts.js';
import { DEFAULT_THRESHOLD } from '../../matching/match-weights.js';
import { prepareAccount } from '../../matching/prepared-account.js';
import { crmObjectFor } from '../crm-objects.js';
import type { EngineStores } from '../engine-context.js';
import { accountRecordOf } from './account-record-of.js';
import type { AccountChanges } from './account-changes.js';
import { isMapped } from './overlap-fields.js';
import { ownAccounts, type PartnerAccount } from './own-accounts.js';
import { readSourceAccounts } from './read-accounts.js';

/** One side's accounts: the matching index over them and their canonical values (populations, owners). */
export interface IndexedSide {
  index: AccountIndex;
  accounts: Map<string, { crmId: string; values: Record<string, unknown> }>;
  /** Platform domains many of this side's companies share (no match key). */
  shared: ReadonlySet<string>;
}

type Workspace = Pick<ResolvedWorkspace, 'vendor' | 'partners'>;

/**
 * Account mapping's in-memory indexes in one worker process: the vendor's accounts, and each mapped partner's
 * own accounts (not those the engine made there: own-accounts.ts, on the rebuild and on every change alike).
 * Built once from the canonical store, then kept current from the account changes stream, so any process can
 * run account mapping and a change costs only the accounts it names.
 */
export class MatchingIndexes {
  readonly #stores: EngineStores;
  readonly #changes: AccountChanges;
  readonly #workspace: Workspace;
  #vendor: IndexedSide | undefined;
  readonly #partners = new Map<string, IndexedSide>();
  /** The last account change the indexes hold. */
  #upTo = '0-0';

  constructor(workspace: Workspace, stores: EngineStores, changes: AccountChanges) {
    this.#workspace = workspace;
    this.#stores = stores;
    this.#changes = changes;
  }

  /** The lowest threshold any partner uses: the index finds those matches, each partner keeps its own. */
  get indexThreshold(): number {
    return Math.min(DEFAULT_THRESHOLD, ...this.#workspace.partners.map((p) => p.matchThreshold ?? DEFAULT_THRESHOLD));
  }

  /** Brings the indexes up to the newest account change; returns that change's id. */
  async current(): Promise<string> {
    const head = await this.#changes.head();
    const changes = this.#vendor === undefined ? undefined : await this.#changes.readBetween(this.#upTo, head);
    if (changes === undefined) {
      await this.#rebuild();
      this.#upTo = head;
      return head;
    }
    for (const change of changes) await this.#apply(change.connectionId, change.canonicalIds);
    this.#upTo = head;
    return head;
  }

  get vendor(): IndexedSide {
    if (!this.#vendor) throw new Error('matching indexes used before current()');
    return this.#vendor;
  }

  partner(partnerId: string): IndexedSide {
    const side = this.#partners.get(partnerId);
    if (!side) throw new Error(`partner "${partnerId}" is not in account mapping (its sharing is "nothing")`);
    return side;
  }

  async #rebuild(): Promise<void> {
    const vendorObject = crmObjectFor(this.#workspace.vendor.connection.kind, 'account');
    this.#vendor = this.#side(await readSourceAccounts(this.#stores, 'vendor', vendorObject));
    this.#partners.clear();
    for (const partner of this.#workspace.partners.filter(isMapped)) {
      const object = crmObjectFor(partner.connection.kind, 'account');
      const accounts = await readSourceAccounts(this.#stores, partner.id, object);
      const own = await ownAccounts(this.#stores, partner, object, accounts.map((a) => ({ canonicalId: a.canonicalId, crmId: a.crmId, fromVendor: a.alsoIn.includes('vendor') })));
      this.#partners.set(partner.id, this.#side(accounts.filter((_, index) => own[index])));
    }
  }

  #side(accounts: readonly { canonicalId: string; crmId: string; values: Record<string, unknown> }[]): IndexedSide {
    const index = new AccountIndex({ threshold: this.indexThreshold });
    const prepared = accounts.map((a) => prepareAccount(accountRecordOf(a.canonicalId, a.values)));
    for (const account of prepared) index.addPrepared(account);
    index.compact();
    return { index, accounts: new Map(accounts.map((a) => [a.canonicalId, { crmId: a.crmId, values: a.values }])), shared: sharedDomains(prepared) };
  }

  /** Re-reads the named accounts of one connection: present ones are (re)indexed, gone ones removed. */
  async #apply(connectionId: string, canonicalIds: readonly string[]): Promise<void> {
    const side = connectionId === 'vendor' ? this.#vendor : this.#partners.get(connectionId);
    if (!side) return;
    const records = await this.#stores.canonical.getMany('account', canonicalIds);
    const sources = canonicalIds.map((id, index) => ({ canonicalId: id, record: records[index], source: records[index]?.sources.get(connectionId) }));
    const own = await this.#own(connectionId, sources.map(({ canonicalId, record, source }) => ({ canonicalId, crmId: source?.crmId ?? '', fromVendor: record?.sources.has('vendor') === true })));
    sources.forEach(({ canonicalId: id, source }, index) => {
      if (source && own[index] === true) {
        side.index.update(accountRecordOf(id, source.values));
        side.accounts.set(id, { crmId: source.crmId, values: source.values });
      } else {
        side.index.remove(id);
        side.accounts.delete(id);
      }
    });
  }

  /** Every vendor account is the vendor's own; a partner's accounts are, except those the engine made there. */
  async #own(connectionId: string, accounts: readonly PartnerAccount[]): Promise<boolean[]> {
    const partner = this.#workspace.partners.find((p) => p.id === connectionId);
    if (!partner) return accounts.map(() => true);
    return ownAccounts(this.#stores, partner, crmObjectFor(partner.connection.kind, 'account'), accounts);
  }
}
