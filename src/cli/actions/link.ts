import { linkOpportunities } from '../../engine/link-opportunities.js';
import { writeNow } from '../../engine/passes-now.js';
import { withPartnerEngine } from '../partner-engine.js';

export interface LinkOptions {
  config?: string;
  mappings: string;
  partner: string;
  vendorOpportunity: string;
  partnerOpportunity: string;
}

/** `cosell link`: links the two opportunities, then writes both sides at once. */
export async function link(options: LinkOptions): Promise<void> {
  await withPartnerEngine(options, async (runtime) => {
    const jobId = `cli-link-${String(Date.now())}`;
    const { canonicalId } = await linkOpportunities(runtime, { partnerId: options.partner, vendorCrmId: options.vendorOpportunity, partnerCrmId: options.partnerOpportunity, jobId }, () => Promise.resolve());
    const writes = await writeNow(runtime, [{ connectionId: 'vendor', object: 'opportunity' }, { connectionId: options.partner, object: 'opportunity' }], jobId);
    console.log(`linked vendor ${options.vendorOpportunity} ⇄ ${options.partner} ${options.partnerOpportunity} as ${canonicalId}`);
    for (const w of writes) console.log(`  → ${w.connectionId}: wrote ${String(w.written)}, unchanged ${String(w.unchanged)}, failed ${String(w.failed)}`);
  });
}
