import type { OverlapPair } from '../engine/overlaps/overlap-report.js';

/**
 * The pair the demo shows as an example of a partner's overlaps: one where both sides know whom to call and a
 * territory applies, if any (else the most complete), the first by vendor account name among those, so the
 * same data always shows the same example whatever order the accounts were matched in.
 */
export function examplePair(pairs: readonly OverlapPair[]): OverlapPair | undefined {
  const completeness = (pair: OverlapPair): number => (pair.vendor.owner === null ? 0 : 1) + (pair.partner.owner === null ? 0 : 1) + (pair.territory === null ? 0 : 1);
  let best: OverlapPair | undefined;
  for (const pair of pairs) {
    if (!best) {
      best = pair;
      continue;
    }
    const better = completeness(pair) - completeness(best) || compareText(best.vendor.name, pair.vendor.name) || compareText(best.vendor.canonicalId, pair.vendor.canonicalId);
    if (better > 0) best = pair;
  }
  return best;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
