import type { AccountMatch } from '../account-match.js';
import { matchAccounts } from '../match-accounts.js';
import type { MatchOptions } from '../match-options.js';
import { domainKeyJoin, exactDomainJoin } from './exact-domain-join.js';
import { generateEvaluationSet, type EvaluationSet, type EvaluationSetOptions } from './generate-evaluation-set.js';
import { pairKey, scorePredictions, type QualityFigures } from './score-predictions.js';

export interface EvaluationReport {
  vendors: number;
  partners: number;
  truePairs: number;
  matcher: QualityFigures & { seconds: number };
  /** The plain exact-domain join (exact-domain-join.ts). */
  baseline: QualityFigures;
  /** The join on the matcher's domain key alone, without names. */
  domainKeyOnly: QualityFigures;
  /** Wrong matches and missed pairs, for a person looking into them. */
  falsePositives: AccountMatch[];
  falseNegatives: { vendorId: string; partnerId: string }[];
}

/** Precision, recall and F1 of the matcher and of two domain joins on a generated, labelled set. */
export function evaluateMatcher(options: EvaluationSetOptions & MatchOptions, set: EvaluationSet = generateEvaluationSet(options)): EvaluationReport {
  const started = performance.now();
  const matches = matchAccounts(set.vendors, set.partners, options);
  const seconds = (performance.now() - started) / 1000;
  const trueKeys = new Set(set.truth.map(pairKey));
  const predictedKeys = new Set(matches.map(pairKey));
  return {
    vendors: set.vendors.length,
    partners: set.partners.length,
    truePairs: trueKeys.size,
    matcher: { ...scorePredictions(matches, set.truth), seconds },
    baseline: scorePredictions(exactDomainJoin(set.vendors, set.partners), set.truth),
    domainKeyOnly: scorePredictions(domainKeyJoin(set.vendors, set.partners), set.truth),
    falsePositives: matches.filter((m) => !trueKeys.has(pairKey(m))),
    falseNegatives: set.truth.filter((pair) => !predictedKeys.has(pairKey(pair))),
  };
}
