import type { CrmRecord } from '../../connectors/shared/crm-connector.js';
import type { WriteTarget } from './change-router.js';
import type { EngineRuntime } from './engine-runtime.js';
import { commitRecords } from './ingest-pass.js';
import { LinkError } from './link-error.js';
import { resolveMapping } from './resolve-mapping.js';
import { VENDOR } from './workspace-rules.js';

/**
 * Links a partner's opportunity to the vendor's: from now on they are one canonical record with two sources,
 * and their two-way fields sync both ways under the mapping's precedence rules. Both records are read now,
 * so the first sync resolves them at once. A partner opportunity linked elsewhere before is moved.
 */
export async function linkOpportunities(
  runtime: EngineRuntime,
  link: { partnerId: string; vendorCrmId: string; partnerCrmId: string; jobId: string },
  onTargets: (targets: readonly WriteTarget[]) => Promise<void>,
): Promise<{ canonicalId: string }> {
  const vendor = resolveMapping(runtime.connectors, runtime.mappings, VENDOR, 'opportunity');
  const partner = resolveMapping(runtime.connectors, runtime.mappings, link.partnerId, 'opportunity');
  const [vendorRecord] = await runtime.connectors.get(VENDOR).readByIds(vendor.mapping.object, [link.vendorCrmId], vendor.mapping.crmFieldsToRead);
  const [partnerRecord] = await runtime.connectors.get(link.partnerId).readByIds(partner.mapping.object, [link.partnerCrmId], partner.mapping.crmFieldsToRead);
  if (!vendorRecord) throw new LinkError(`vendor opportunity ${link.vendorCrmId} was not found in the vendor CRM`);
  if (!partnerRecord) throw new LinkError(`partner opportunity ${link.partnerCrmId} was not found in ${link.partnerId}'s CRM`);

  const commit = (connectionId: string, mapping: typeof vendor.mapping, record: CrmRecord): ReturnType<typeof commitRecords> =>
    commitRecords(
      { connector: runtime.connectors.get(connectionId), connectionId, object: 'opportunity', mapping, stores: runtime.stores, deadLetters: runtime.deadLetters, router: runtime.rules, onTargets, runId: `link-${link.jobId}`, jobId: link.jobId, lookbackMs: 0, logger: runtime.logger },
      [record],
    );
  await commit(VENDOR, vendor.mapping, vendorRecord);
  const [canonicalId] = await runtime.stores.links.canonicalIds(VENDOR, vendor.mapping.object, vendor.mapping.canonical, [vendorRecord.id]);
  if (canonicalId === undefined) throw new LinkError(`vendor opportunity ${link.vendorCrmId} could not be recorded`);

  // Move the partner record onto the vendor's canonical record.
  const [previous] = await runtime.stores.links.canonicalIds(link.partnerId, partner.mapping.object, partner.mapping.canonical, [partnerRecord.id]);
  if (previous !== undefined && previous !== canonicalId) await runtime.stores.canonical.forgetSource('opportunity', previous, link.partnerId);
  await runtime.stores.crosswalk.link(link.partnerId, partner.mapping.object, canonicalId, partnerRecord.id);
  await commit(link.partnerId, partner.mapping, partnerRecord);
  // Both sides may need the resolved values now.
  await runtime.stores.pending.mark(VENDOR, 'opportunity', [canonicalId]);
  await runtime.stores.pending.mark(link.partnerId, 'opportunity', [canonicalId]);
  await onTargets([{ connectionId: VENDOR, object: 'opportunity' }, { connectionId: link.partnerId, object: 'opportunity' }]);
  await runtime.stores.audit.append([{ who: 'engine', what: `link opportunity vendor ${vendorRecord.id} ⇄ ${link.partnerId} ${partnerRecord.id}`, why: 'co-sell link requested', refs: { canonicalId, job: link.jobId } }]);
  return { canonicalId };
}
