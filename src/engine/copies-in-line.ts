import type { Logger } from '../logging/logger.js';
import type { WriteTarget } from './change-router.js';
import { deleteCopies, type CopyDeletion } from './delete-copies.js';
import type { EngineRuntime } from './engine-runtime.js';
import { offerVendorAccounts } from './offer-vendor-accounts.js';
import { sharingFingerprint, SharingFingerprints } from './overlaps/sharing-fingerprint.js';
import { resolveMapping } from './resolve-mapping.js';

type Runtime = Pick<EngineRuntime, 'workspace' | 'mappings' | 'connectors' | 'stores' | 'deadLetters' | 'redis' | 'prefix'>;

/**
 * Brings the vendor accounts copied into partners' CRMs in line with each partner's sharing, when its
 * fingerprint changed. The copies made while a partner shared `all` are the vendor's data: once its sharing is
 * anything else (`overlaps`, `counts`, `nothing`) they are deleted there, as copies are when their origin is
 * removed: only the records the engine created, each audited, a refusal parked in the dead-letter queue. A
 * partner that now shares `all`, or with another allowlist, is offered every vendor account (see
 * offer-vendor-accounts.ts): its write-back copies what it lacks and takes back fields no longer allowed. A
 * partner whose copies are not all gone keeps the old fingerprint, so the next account-mapping run tries
 * again. Returns the targets given writes to do.
 */
export async function bringCopiesInLine(runtime: Runtime, jobId: string, logger: Logger): Promise<{ deleted: number; failed: number; offered: number; targets: WriteTarget[] }> {
  const { workspace } = runtime;
  const fingerprints = new SharingFingerprints(runtime.redis, runtime.prefix);
  const stored = await fingerprints.get('copies', workspace.partners.map((p) => p.id));
  const done = new Map<string, string>();
  const counts = { deleted: 0, failed: 0, offered: 0, targets: [] as WriteTarget[] };
  for (const [index, partner] of workspace.partners.entries()) {
    const fingerprint = sharingFingerprint(partner, workspace.territories ?? []);
    if (stored[index] === fingerprint) continue;
    if (partner.sharing.share === 'all') {
      // No fingerprint yet: a partner new to the workspace (nothing written to it) is offered everything; one
      // the engine has written to already (the first run after an upgrade) has what its sharing sends.
      if (stored[index] === undefined && (await wroteTo(runtime, partner.id))) {
        done.set(partner.id, fingerprint);
        continue;
      }
      const offered = await offerVendorAccounts(runtime, partner.id);
      counts.offered += offered;
      if (offered > 0) {
        counts.targets.push({ connectionId: partner.id, object: 'account' });
        logger.info({ partnerId: partner.id, offered }, 'vendor accounts offered to a partner whose sharing of all changed');
      }
    } else {
      // One partner's CRM being down must not hold up account mapping for the others: tried again next run.
      const result = await withdrawFrom(runtime, partner.id, jobId).catch((error: unknown) => {
        logger.warn({ err: error, partnerId: partner.id }, 'copies of vendor accounts not withdrawn yet; the next account-mapping run tries again');
        return { deleted: 0, failed: 1 };
      });
      counts.deleted += result.deleted;
      counts.failed += result.failed;
      if (result.deleted > 0) logger.info({ partnerId: partner.id, share: partner.sharing.share, ...result }, 'copies of vendor accounts withdrawn from a partner no longer sharing all');
      if (result.failed > 0) continue;
    }
    done.set(partner.id, fingerprint);
  }
  await fingerprints.set('copies', done);
  return counts;
}

async function wroteTo(runtime: Runtime, partnerId: string): Promise<boolean> {
  const { mapping } = resolveMapping(runtime.connectors, runtime.mappings, partnerId, 'account');
  return (await runtime.stores.hashes.count('written', partnerId, mapping.object)) > 0;
}

async function withdrawFrom(runtime: Runtime, partnerId: string, jobId: string): Promise<{ deleted: number; failed: number }> {
  const { stores } = runtime;
  const { mapping } = resolveMapping(runtime.connectors, runtime.mappings, partnerId, 'account');
  const deletion: CopyDeletion = {
    stores,
    deadLetters: runtime.deadLetters,
    target: { connectionId: partnerId, connector: runtime.connectors.get(partnerId), crmObject: mapping.object },
    kind: mapping.canonical,
    why: `${partnerId} no longer shares all vendor accounts`,
    jobId,
    replay: { queue: 'match', payload: { trigger: 'manual' } },
  };
  const counts = { deleted: 0, failed: 0 };
  for await (const ids of stores.tombstones.scanCreated(partnerId, mapping.object)) {
    // A copy its users deleted meanwhile has no link left: nothing to delete, nothing to remember.
    const crmIds = await stores.links.crmIds(partnerId, mapping.object, mapping.canonical, ids);
    await stores.tombstones.forgetCreated(partnerId, mapping.object, ids.filter((_, i) => crmIds[i] === undefined));
    const result = await deleteCopies(deletion, ids.filter((_, i) => crmIds[i] !== undefined));
    counts.deleted += result.deleted;
    counts.failed += result.failed;
  }
  return counts;
}
