import type { AccountPair } from './generate-evaluation-set.js';

/** How predicted pairs compare with the true ones. */
export interface QualityFigures {
  predicted: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Compares predicted pairs with the true ones; each predicted pair is expected once (matchers and joins give it once). */
export function scorePredictions(predicted: Iterable<AccountPair>, truth: Iterable<AccountPair>): QualityFigures {
  const trueKeys = new Set<string>();
  for (const pair of truth) trueKeys.add(pairKey(pair));
  let count = 0;
  let truePositives = 0;
  for (const pair of predicted) {
    count += 1;
    if (trueKeys.has(pairKey(pair))) truePositives += 1;
  }
  const falsePositives = count - truePositives;
  const falseNegatives = trueKeys.size - truePositives;
  const precision = count === 0 ? 1 : truePositives / count;
  const recall = trueKeys.size === 0 ? 1 : truePositives / trueKeys.size;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { predicted: count, truePositives, falsePositives, falseNegatives, precision, recall, f1 };
}

export function pairKey(pair: AccountPair): string {
  return `${pair.vendorId}\u0000${pair.partnerId}`;
}
