import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Partner } from '../../config/partner-schema.js';
import type { Territory } from '../../config/territory-schema.js';
import { stateKey } from '../../redis/key-prefix.js';
import { stableJson } from '../../state/stable-json.js';

/**
 * Everything that decides what a partner's sharing put into the CRMs: its policy and field allowlist, its name
 * (on the vendor's accounts), its match threshold (which accounts overlap) and the territories' reps on both
 * sides. A `nothing` partner has nothing written, so its policy alone. Values written under an older
 * fingerprint may be more than the partner may see now: a run that finds another fingerprint stored brings
 * that partner in line in full (see docs/engine.md#account-mapping).
 */
export function sharingFingerprint(partner: Pick<Partner, 'id' | 'name' | 'sharing' | 'matchThreshold'>, territories: readonly Territory[]): string {
  const { share, fields } = partner.sharing;
  const inputs = share === 'nothing'
    ? { share }
    : {
        share,
        fields: [...new Set(fields ?? [])].sort(),
        name: partner.name,
        matchThreshold: partner.matchThreshold ?? null,
        territories: territories.map((t) => ({ where: t.where, vendorRep: t.vendorRep ?? null, partnerRep: t.partnerReps[partner.id] ?? null })),
      };
  return createHash('sha256').update(stableJson(inputs)).digest('base64url').slice(0, 22);
}

/**
 * What each partner's state was last brought in line with, per part: `mapping` (overlaps and the values
 * account mapping writes) and `copies` (the vendor accounts the engine created in the partner's CRM). Each part
 * stores the fingerprint only once it is done, so a run that stopped, or copies that could not be deleted,
 * are taken up again by the next run.
 */
export class SharingFingerprints {
  readonly #redis: Redis;
  readonly #key: string;

  constructor(redis: Redis, prefix: string) {
    this.#redis = redis;
    this.#key = stateKey(prefix, 'overlaps-sharing');
  }

  async get(part: 'mapping' | 'copies', partnerIds: readonly string[]): Promise<(string | undefined)[]> {
    if (partnerIds.length === 0) return [];
    return (await this.#redis.hmget(this.#key, ...partnerIds.map((id) => `${id}|${part}`))).map((value) => value ?? undefined);
  }

  async set(part: 'mapping' | 'copies', fingerprints: ReadonlyMap<string, string>): Promise<void> {
    if (fingerprints.size === 0) return;
    await this.#redis.hset(this.#key, Object.fromEntries([...fingerprints].map(([id, fingerprint]) => [`${id}|${part}`, fingerprint])));
  }
}
