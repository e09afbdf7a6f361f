import type { ResolvedWorkspace } from '../config/load-workspace.js';
import type { SyncObject } from '../config/schedule-schema.js';
import type { MappingSet } from '../mappings/mapping-set.js';
import { resolveTwoWay } from '../mappings/precedence.js';
import { isBlank } from '../mappings/transforms/transform.js';
import type { CanonicalRecord, CanonicalStore } from '../state/canonical-store.js';
import { sameValue } from '../state/stable-json.js';
import type { ChangeRouter, WriteTarget } from './change-router.js';
import { crmObjectFor } from './crm-objects.js';
import type { OutgoingView } from './outgoing-view.js';
import { isCleared, OVERLAP_SOURCE, PARTNER_SIDE_FIELDS, receivesOverlaps, VENDOR_SIDE_FIELDS } from './overlaps/overlap-fields.js';

export const VENDOR = 'vendor';

type Workspace = Pick<ResolvedWorkspace, 'partners' | 'vendor'>;

/**
 * The workspace's sync rules, in one place:
 * - vendor accounts go to partners whose sharing is `all`, with only the allowed fields; account mapping's
 *   write-back goes to the vendor's accounts and to the partners' own matched accounts (see accountValues);
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

  sourcesFor(kind: string, targetConnectionId: string): readonly string[] | undefined {
    // Accounts: the vendor's values, account mapping's, and the target's own copy (see accountValues).
    if (kind === 'account') return targetConnectionId === VENDOR ? [VENDOR, OVERLAP_SOURCE] : [VENDOR, OVERLAP_SOURCE, targetConnectionId];
    // Opportunities to a partner: the two linked sides. To the vendor, the partner side is whichever is linked.
    if (kind === 'opportunity' && targetConnectionId !== VENDOR) return [VENDOR, targetConnectionId];
    return undefined;
  }

  valuesFor(record: CanonicalRecord, kind: string, targetConnectionId: string): { values: Record<string, unknown>; allowed?: ReadonlySet<string> } | undefined {
    if (kind === 'account') return accountValues(this.#workspace.partners, record, targetConnectionId);
    const vendor = record.sources.get(VENDOR);
    if (!vendor) return undefined;
    const partnerId = targetConnectionId === VENDOR ? [...record.sources.keys()].find((c) => c !== VENDOR) : targetConnectionId;
    const partner = this.#workspace.partners.find((p) => p.id === partnerId);
    if (!partner) return undefined;

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

/**
 * Accounts go one way, each only where sharing allows: a vendor account to a partner sharing `all` (the
 * allowlisted fields); account mapping's values (the `=overlap` source) to the vendor's own account, and to
 * a partner's own account when the partner receives overlaps (or when they are cleared). Nothing else of an
 * account crosses.
 */
export function accountValues(partners: readonly Pick<Workspace['partners'][number], 'id' | 'sharing'>[], record: CanonicalRecord, targetConnectionId: string): { values: Record<string, unknown>; allowed: ReadonlySet<string> } | undefined {
  const vendor = record.sources.get(VENDOR);
  const overlap = record.sources.get(OVERLAP_SOURCE);
  if (targetConnectionId === VENDOR) return vendor && overlap ? { values: overlap.values, allowed: VENDOR_SIDE_FIELDS } : undefined;
  const partner = partners.find((p) => p.id === targetConnectionId);
  if (!partner) return undefined;
  if (vendor) return partner.sharing.share === 'all' ? copyValues(vendor.values, record.sources.get(partner.id)?.values, partner.sharing.fields ?? []) : undefined;
  // Cleared values go whatever the policy: they take back what an earlier, wider policy let the partner see.
  if (overlap && record.sources.has(partner.id) && (receivesOverlaps(partner) || isCleared(overlap.values))) return { values: overlap.values, allowed: PARTNER_SIDE_FIELDS };
  return undefined;
}

/**
 * A vendor account's copy in the CRM of a partner sharing `all`: the allowlisted fields, and blank for any other
 * field the copy, as last read back, holds with the vendor's value — what an earlier, wider allowlist gave it.
 * A value the partner's users put there themselves (not the vendor's) is theirs and stays.
 */
function copyValues(vendor: Record<string, unknown>, copy: Readonly<Record<string, unknown>> | undefined, fields: readonly string[]): { values: Record<string, unknown>; allowed: ReadonlySet<string> } {
  const allowed = new Set(fields);
  // The vendor's own object unless a field is taken back (most copies): no copy per record written.
  let values = vendor;
  for (const [field, held] of Object.entries(copy ?? {})) {
    if (allowed.has(field) || isBlank(held) || !sameValue(held, vendor[field] ?? null)) continue;
    if (values === vendor) values = { ...vendor };
    values[field] = null;
    allowed.add(field);
  }
  return { values, allowed };
}

function isLinked(record: CanonicalRecord): boolean {
  return record.sources.has(VENDOR) && record.sources.size > 1;
}
