import type { ResolvedWorkspace } from '../config/load-workspace.js';
import type { SyncObject } from '../config/schedule-schema.js';
import type { MappingSet } from '../mappings/mapping-set.js';
import { resolveTwoWay } from '../mappings/precedence.js';
import type { CanonicalRecord, CanonicalStore } from '../state/canonical-store.js';
import type { ChangeRouter, WriteTarget } from './change-router.js';
import { crmObjectFor } from './crm-objects.js';
import type { OutgoingView } from './outgoing-view.js';

export const VENDOR = 'vendor';

type Workspace = Pick<ResolvedWorkspace, 'partners' | 'vendor'>;

/**
 * The workspace's sync rules, in one place:
 * - vendor accounts go to partners whose sharing is `all`, with only the allowed fields (account mapping
 *   adds `overlaps`);
 * - linked co-sell opportunities (one canonical record with a vendor and a partner source) sync both ways,
 *   each two-way field resolved by its precedence rule; nothing else crosses.
 */
export class WorkspaceRules implements ChangeRouter, OutgoingView {
  readonly #workspace: Workspace;
  readonly #mappings: MappingSet;
  readonly #canonical: CanonicalStore;

  constructor(workspace: Workspace, mappings: MappingSet, canonical: CanonicalStore) {
    this.#workspace = workspace;
    this.#mappings = mappings;
    this.#canonical = canonical;
  }

  async targetsFor(change: { sourceConnectionId: string; object: SyncObject; canonicalId: string }): Promise<WriteTarget[]> {
    if (change.object === 'account' && change.sourceConnectionId === VENDOR) {
      return this.#workspace.partners.filter((p) => p.sharing.share === 'all').map((p) => ({ connectionId: p.id, object: 'account' }));
    }
    if (change.object === 'opportunity') {
      const record = await this.#canonical.get('opportunity', change.canonicalId);
      if (!record || !isLinked(record)) return [];
      return [...record.sources.keys()]
        .filter((connectionId) => connectionId !== change.sourceConnectionId)
        .map((connectionId) => ({ connectionId, object: 'opportunity' }));
    }
    return [];
  }

  valuesFor(record: CanonicalRecord, kind: string, targetConnectionId: string): { values: Record<string, unknown>; allowed?: ReadonlySet<string> } | undefined {
    const vendor = record.sources.get(VENDOR);
    if (!vendor) return undefined;
    const partnerId = targetConnectionId === VENDOR ? [...record.sources.keys()].find((c) => c !== VENDOR) : targetConnectionId;
    const partner = this.#workspace.partners.find((p) => p.id === partnerId);
    if (!partner) return undefined;

    // Accounts: one way, vendor to partner, only what the sharing policy allows.
    if (kind === 'account') {
      if (targetConnectionId === VENDOR || partner.sharing.share !== 'all') return undefined;
      return { values: vendor.values, allowed: new Set(partner.sharing.fields ?? []) };
    }
    if (kind !== 'opportunity' || !isLinked(record)) return undefined;

    // Linked opportunities: both ways, each two-way field resolved by the target mapping's precedence.
    const partnerSource = record.sources.get(partner.id);
    if (!partnerSource) return undefined;
    const targetKind = targetConnectionId === VENDOR ? this.#workspace.vendor.connection.kind : partner.connection.kind;
    const mapping = this.#mappings.get(targetKind, crmObjectFor(targetKind, 'opportunity'), targetConnectionId === VENDOR ? undefined : partner.id);
    if (!mapping) return undefined;
    const values: Record<string, unknown> = {};
    for (const field of mapping.fields) {
      if (field.direction === 'from-crm' || field.direction === 'none') continue;
      const vendorSide = { value: vendor.values[field.canonical], changedAt: vendor.changedAt[field.canonical] };
      const partnerSide = { value: partnerSource.values[field.canonical], changedAt: partnerSource.changedAt[field.canonical] };
      if (field.direction === 'both' && field.precedence) {
        values[field.canonical] = resolveTwoWay(field.precedence, vendorSide, partnerSide).value;
      } else {
        // to-crm fields flow from the other side only.
        values[field.canonical] = targetConnectionId === VENDOR ? partnerSide.value : vendorSide.value;
      }
    }
    return { values };
  }
}

function isLinked(record: CanonicalRecord): boolean {
  return record.sources.has(VENDOR) && record.sources.size > 1;
}
