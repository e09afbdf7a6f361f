import type { SharingPolicy } from '../../config/partner-schema.js';
import type { Populations } from '../../config/population-schema.js';
import type { OverlapPair, OverlapReport, OverlapSide } from '../../engine/overlaps/overlap-report.js';

/** One overlap as a partner sees it: its own account in full, of the vendor's only what its policy lists. */
export interface PartnerOverlapPair {
  partner: { crmId: string; name: string; populations: string[] };
  vendor: { name?: string; owner?: string | null; populations?: string[] };
  score: number;
  /** Only when the policy lists every field a match reason can quote (see {@link REASON_QUOTES}). */
  reason?: string;
}

interface ReportHeader {
  partnerId: string;
  computedAt: string;
  overlappingAccounts: number;
  /** vendor population → partner population → overlapping accounts (`all` for every account). */
  matrix: Record<string, Record<string, number>>;
}

/** What a partner's key reads of its overlap report, by its sharing policy. */
export type PartnerOverlapView =
  | { share: 'nothing' }
  | (ReportHeader & { share: 'counts' })
  | (ReportHeader & {
      share: 'overlaps' | 'all';
      /** The vendor-side keys this partner's pairs may carry. */
      vendorFields: VendorSideField[];
      /** Whether the pairs carry the matcher's reason. */
      reasons: boolean;
      pairs: PartnerOverlapPair[];
    });

export type VendorSideField = 'name' | 'owner' | 'populations';

/**
 * Canonical fields that release each vendor-side key of a pair. The owner is whom to call at the vendor (the
 * account's owner, else the territory's rep), made of the released parts only: "Name <e-mail>" with both
 * fields, the name with `ownerName` alone, the e-mail with `ownerEmail` alone.
 */
const VENDOR_SIDE_RELEASE: readonly { key: VendorSideField; releasedBy: readonly string[] }[] = [
  { key: 'name', releasedBy: ['name'] },
  { key: 'owner', releasedBy: ['ownerName', 'ownerEmail'] },
  { key: 'populations', releasedBy: ['relationship'] },
];

/** The vendor's values a match reason can quote: its name, domain, country, state and city. */
export const REASON_QUOTES: readonly string[] = ['name', 'domain', 'country', 'state', 'city'];

/** The vendor-side keys a field list releases. */
export function vendorSideFields(fields: readonly string[]): VendorSideField[] {
  return VENDOR_SIDE_RELEASE.filter((entry) => entry.releasedBy.some((field) => fields.includes(field))).map((entry) => entry.key);
}

/**
 * The vendor populations a partner may see an account's membership of: none unless `relationship` is
 * listed, and then only populations whose filters read listed fields alone (a population by country says
 * the account's country). A population the workspace no longer defines is withheld.
 */
export function sharedVendorPopulations(fields: readonly string[], populations: Populations): Set<string> {
  if (!fields.includes('relationship')) return new Set();
  return new Set(
    Object.entries(populations)
      .filter(([, filter]) => Object.keys(filter).every((field) => fields.includes(field)))
      .map(([name]) => name),
  );
}

function releasedOwner(side: OverlapSide, fields: readonly string[]): string | null {
  const name = fields.includes('ownerName');
  const email = fields.includes('ownerEmail');
  if (name && email) return side.owner;
  if (name) return side.ownerName;
  return email ? side.ownerEmail : null;
}

/** One pair for the partner: no vendor crm id or canonical id ever; vendor values only as the fields allow. */
export function shapePairForPartner(
  pair: OverlapPair,
  fields: readonly string[],
  visiblePopulations: ReadonlySet<string>,
): PartnerOverlapPair {
  const keys = vendorSideFields(fields);
  const vendor: PartnerOverlapPair['vendor'] = {};
  if (keys.includes('name')) vendor.name = pair.vendor.name;
  if (keys.includes('owner')) vendor.owner = releasedOwner(pair.vendor, fields);
  if (keys.includes('populations')) vendor.populations = pair.vendor.populations.filter((p) => visiblePopulations.has(p));
  const shaped: PartnerOverlapPair = {
    partner: { crmId: pair.partner.crmId, name: pair.partner.name, populations: [...pair.partner.populations] },
    vendor,
    score: pair.score,
  };
  if (REASON_QUOTES.every((field) => fields.includes(field))) shaped.reason = pair.reason;
  return shaped;
}

/**
 * The overlap report as the partner it is about may see it: `nothing` — nothing; `counts` — the population
 * matrix and the number of overlapping accounts; `overlaps` and `all` — those and every pair, shaped by
 * {@link shapePairForPartner}. The vendor's account total is never included.
 */
export function shapeForPartner(report: OverlapReport, sharing: SharingPolicy, populations: Populations): PartnerOverlapView {
  if (sharing.share === 'nothing') return { share: 'nothing' };
  const header: ReportHeader = {
    partnerId: report.partnerId,
    computedAt: report.computedAt,
    overlappingAccounts: report.pairs.length,
    matrix: structuredClone(report.matrix),
  };
  if (sharing.share === 'counts') return { share: 'counts', ...header };
  const fields = sharing.fields ?? [];
  const visible = sharedVendorPopulations(fields, populations);
  return {
    share: sharing.share,
    ...header,
    vendorFields: vendorSideFields(fields),
    reasons: REASON_QUOTES.every((field) => fields.includes(field)),
    pairs: report.pairs.map((pair) => shapePairForPartner(pair, fields, visible)),
  };
}
