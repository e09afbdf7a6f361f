import { describe, expect, it } from 'vitest';
import { evaluateMatcher } from '../../src/matching/evaluation/evaluate-matcher.js';

// The targets of docs/matching.md, on a moderate generated set, so that a change that costs precision or
// recall fails here. The figures measured on larger sets are in docs/matching.md.
describe('matcher quality on the labelled evaluation set', () => {
  const report = evaluateMatcher({ size: 5_000, seed: 1 });

  it('given 5,000 accounts a side, then precision is at least 0.99', () => {
    expect(report.matcher.precision).toBeGreaterThanOrEqual(0.99);
  });

  it('given 5,000 accounts a side, then F1 is at least 0.97', () => {
    expect(report.matcher.f1).toBeGreaterThanOrEqual(0.97);
  });

  it('given the same set, then the matcher beats both domain joins by a wide margin', () => {
    expect(report.matcher.f1).toBeGreaterThan(report.baseline.f1 + 0.5);
    expect(report.matcher.recall).toBeGreaterThan(report.domainKeyOnly.recall + 0.2);
  });

  it('given a second seed, then the targets hold as well', () => {
    const other = evaluateMatcher({ size: 5_000, seed: 2 });
    expect(other.matcher.precision).toBeGreaterThanOrEqual(0.99);
    expect(other.matcher.f1).toBeGreaterThanOrEqual(0.97);
  });
});
