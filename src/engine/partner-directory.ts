import type { ResolvedWorkspace } from '../config/load-workspace.js';
import { normalizeCompanyName } from '../matching/normalize-company-name.js';
import type { EngineStores } from './engine-context.js';
import { crmObjectFor } from './crm-objects.js';

/** A partner's standing in the program, as the vendor's partner directory says. */
export interface ProgramStanding {
  name: string;
  persona: string;
  tier: string;
  region: string | null;
  certifications: string[];
  status: string;
}

export interface DirectoryEntry {
  partnerId: string;
  /** The directory record in the vendor CRM, or undefined when none was found for this partner. */
  directoryId: string | undefined;
  canonicalId: string | undefined;
  standing: ProgramStanding | undefined;
  /** Where the workspace file and the directory disagree (the directory is current; the file is a default). */
  drift: string[];
}

type Workspace = Pick<ResolvedWorkspace, 'vendor' | 'partners'>;

/**
 * The partner directory: each workspace partner's record among the vendor CRM's partner records (synced as
 * canonical `partner` records), by its configured `directoryId` or else by its normalised name, with the
 * program standing it holds there — persona, tier, region, certifications, status.
 */
export async function readPartnerDirectory(workspace: Workspace, stores: EngineStores): Promise<DirectoryEntry[]> {
  const object = crmObjectFor(workspace.vendor.connection.kind, 'partner');
  const links = await stores.links.entries('vendor', object, 'partner');
  const crmIds = [...links.keys()];
  const records = await stores.canonical.getMany('partner', crmIds.map((id) => links.get(id) ?? ''));
  const byName = new Map<string, number>();
  records.forEach((record, index) => {
    const name = record?.sources.get('vendor')?.values.name;
    if (typeof name === 'string') byName.set(normalizeCompanyName(name), index);
  });
  return workspace.partners.map((partner) => {
    const index = partner.directoryId !== undefined ? crmIds.indexOf(partner.directoryId) : byName.get(normalizeCompanyName(partner.name));
    const values = index === undefined || index < 0 ? undefined : records[index]?.sources.get('vendor')?.values;
    if (index === undefined || index < 0 || !values) return { partnerId: partner.id, directoryId: partner.directoryId, canonicalId: undefined, standing: undefined, drift: [] };
    const text = (value: unknown, fallback: string): string => (typeof value === 'string' && value !== '' ? value : fallback);
    const standing: ProgramStanding = {
      name: text(values.name, partner.name),
      persona: text(values.persona, partner.persona),
      tier: text(values.tier, partner.tier),
      region: typeof values.region === 'string' ? values.region : null,
      certifications: Array.isArray(values.certifications) ? values.certifications.map(String) : [],
      status: text(values.status, 'active'),
    };
    const drift = (['persona', 'tier', 'region'] as const)
      .filter((field) => standing[field] !== null && standing[field] !== partner[field])
      .map((field) => `${field}: workspace file says ${partner[field]}, directory says ${String(standing[field])}`);
    return { partnerId: partner.id, directoryId: crmIds[index], canonicalId: links.get(crmIds[index] ?? ''), standing, drift };
  });
}
