import type { OverlapPair } from '../engine/overlaps/overlap-report.js';
import { compareText } from '../text/compare-text.js';

/**
 * The pair the demo shows as an example of a partner's overlaps: one where both sides know whom to call and a
 * territory applies, if any (else the most complete), the first by vendor account name among those, so the
 * same data always shows the same example whatever order the accounts were matched in.
 */
export function examplePair(pairs: readonly OverlapPair[]): OverlapPair | undefined {
  let best: OverlapPair | undefined;
  for (const pair of pairs) if (!best || comesFirst(pair, best)) best = pair;
  return best;
}

function comesFirst(pair: OverlapPair, than: OverlapPair): boolean {
  return (completeness(pair) - completeness(than) || compareText(than.vendor.name, pair.vendor.name) || compareText(than.vendor.canonicalId, pair.vendor.canonicalId)) > 0;
}

/** Whom to call on each side, and a territory: how much of what the demo shows a pair has. */
function completeness(pair: OverlapPair): number {
  return (pair.vendor.owner === null ? 0 : 1) + (pair.partner.owner === null ? 0 : 1) + (pair.territory === null ? 0 : 1);
}
