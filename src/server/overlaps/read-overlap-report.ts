import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { OverlapReport } from '../../engine/overlaps/compute-overlaps.js';
import { stateKey } from '../../redis/key-prefix.js';
import { StoredOverlapReportInvalid } from './stored-overlap-report-invalid.js';

const Side = z.object({
  canonicalId: z.string(),
  crmId: z.string(),
  name: z.string(),
  owner: z.string().nullable(),
  // Reports computed before the contact was kept apart have only `owner`.
  ownerName: z.string().nullable().default(null),
  ownerEmail: z.string().nullable().default(null),
  populations: z.array(z.string()),
});

/**
 * The report as `saveOverlapReport` stores it. Checked on the way out of Redis: a report written by another
 * release, or damaged, is an error of the server, not data to hand out half-understood. Unknown keys are
 * dropped, so nothing added to the stored report later reaches a caller before the API decides to show it.
 */
const StoredOverlapReport = z.object({
  partnerId: z.string(),
  computedAt: z.string(),
  vendorAccounts: z.number(),
  partnerAccounts: z.number(),
  matrix: z.record(z.string(), z.record(z.string(), z.number())),
  pairs: z.array(
    z.object({
      vendor: Side,
      partner: Side,
      score: z.number(),
      reason: z.string(),
      // Reports computed before territories existed have none.
      territory: z.string().nullable().default(null),
    }),
  ),
}) satisfies z.ZodType<OverlapReport>;

/** The latest overlap report of a partner, or undefined when none was computed yet. */
export async function readOverlapReport(redis: Redis, prefix: string, partnerId: string): Promise<OverlapReport | undefined> {
  const key = stateKey(prefix, 'overlaps', partnerId);
  const text = await redis.get(key);
  if (text === null) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new StoredOverlapReportInvalid(key, 'not JSON', { cause: error });
  }
  const parsed = StoredOverlapReport.safeParse(json);
  if (!parsed.success) {
    throw new StoredOverlapReportInvalid(key, parsed.error.issues.map((i) => `${i.path.join('.') || '(report)'}: ${i.message}`).slice(0, 3).join('; '));
  }
  if (parsed.data.partnerId !== partnerId) throw new StoredOverlapReportInvalid(key, `it is partner "${parsed.data.partnerId}"'s`);
  return parsed.data;
}
