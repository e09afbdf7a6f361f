import type { Partner } from '../../config/partner-schema.js';
import { describeRep } from './rep-mapping.js';

/**
 * The canonical record's source that holds account mapping's derived values. It is no connection (ids of
 * connections cannot start with "="): the engine writes it, the write pass sends it through the mappings.
 */
export const OVERLAP_SOURCE = '=overlap';

/** Written on the vendor's account: which partners have it, how each relates to it, and whom to call there. */
export const VENDOR_SIDE_FIELDS: ReadonlySet<string> = new Set(['cosellOverlap', 'cosellPartners', 'partnerOwner']);

/** Written on a partner's own account: the vendor's relationship with it and whom to call at the vendor. */
export const PARTNER_SIDE_FIELDS: ReadonlySet<string> = new Set(['cosellOverlap', 'vendorRelationship', 'vendorOwner']);

/** Partners in account mapping at all: `nothing` keeps a partner out of it, on both sides. */
export const isMapped = (partner: Pick<Partner, 'sharing'>): boolean => partner.sharing.share !== 'nothing';

/** Partners whose own matched accounts receive the vendor's side (`counts` partners see counts only). */
export const receivesOverlaps = (partner: Pick<Partner, 'sharing'>): boolean => partner.sharing.share === 'overlaps' || partner.sharing.share === 'all';

/** A partner account's values once it has no vendor side: what clears the fields a match wrote. */
export const clearedPartnerSide = (): Record<string, unknown> => ({ cosellOverlap: false, vendorRelationship: null, vendorOwner: null });

/**
 * True for partner-side values that carry nothing of the vendor's (cleared): they may go to a partner whatever
 * its sharing, to clear what an earlier policy let it see.
 */
export function isCleared(values: Readonly<Record<string, unknown>>): boolean {
  return [...PARTNER_SIDE_FIELDS].every((field) => values[field] === undefined || values[field] === null || values[field] === false);
}

/** A matched pair as the write-back sees it: the other side's relationship and whom to call there. */
export interface PairSide {
  relationship: string | null;
  contact: { name?: string | undefined; email?: string | undefined } | undefined;
}

/**
 * A partner's account: the vendor's side, limited by the partner's field allowlist (the relationship needs
 * `relationship`, the contact's name `ownerName` and its e-mail `ownerEmail`). Blank when the match went: its fields are cleared.
 */
export function partnerSideValues(partner: Pick<Partner, 'sharing'>, vendor: PairSide | undefined): Record<string, unknown> {
  if (vendor === undefined) return clearedPartnerSide();
  const allowed = new Set(partner.sharing.fields ?? []);
  return {
    cosellOverlap: true,
    vendorRelationship: allowed.has('relationship') ? vendor.relationship : null,
    vendorOwner: vendor.contact === undefined ? null : describeRep({ name: allowed.has('ownerName') ? vendor.contact.name : undefined, email: allowed.has('ownerEmail') ? vendor.contact.email : undefined }),
  };
}

/** The vendor's account: every mapped partner that has it, by partner name (one line each in the text fields). */
export function vendorSideValues(partners: readonly { name: string; side: PairSide }[]): Record<string, unknown> {
  const sorted = [...partners].sort((a, b) => a.name.localeCompare(b.name));
  const joined = (parts: string[]): string | null => (parts.length > 0 ? parts.join('; ') : null);
  return {
    cosellOverlap: sorted.length > 0,
    cosellPartners: joined(sorted.map((p) => (p.side.relationship ? `${p.name} (${p.side.relationship})` : p.name))),
    partnerOwner: joined(sorted.flatMap((p) => {
      const contact = p.side.contact && describeRep(p.side.contact);
      return contact ? [`${contact} (${p.name})`] : [];
    })),
  };
}
