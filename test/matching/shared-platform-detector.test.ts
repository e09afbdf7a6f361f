import { describe, expect, it } from 'vitest';
import { SharedPlatformDetector } from '../../src/matching/shared-platform-detector.js';

describe('finding platform domains in a file', () => {
  it('given a file of many company domains and a few platforms, then exactly the domains with enough different companies are platforms', () => {
    // No size hint: the table grows many times on the way.
    const detector = new SharedPlatformDetector(5);
    for (let i = 0; i < 60_000; i++) detector.observe(`company${String(i)}.com`, `company${String(i)} labs`);
    for (let i = 0; i < 60_000; i += 7) detector.observe(`company${String(i)}.com`, `company${String(i)} europe`);
    for (const platform of ['directory.example', 'sites.example']) {
      for (const name of ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'acme corp']) detector.observe(platform, name);
    }
    for (const name of ['acme', 'globex', 'initech', 'umbrella']) detector.observe('four.example', name);
    detector.observe(undefined, 'no domain');
    for (const name of ['acme', 'globex', 'initech', 'umbrella', 'hooli']) detector.observe('gmail.com', name);
    expect([...detector.shared()].sort()).toEqual(['directory.example', 'sites.example']);
  });

  it('given a size hint, then the same platforms are found', () => {
    const detector = new SharedPlatformDetector(3, 100_000);
    for (const name of ['acme', 'globex', 'initech']) detector.observe('linkedin.com', name);
    detector.observe('acme.com', 'acme');
    expect([...detector.shared()]).toEqual(['linkedin.com']);
  });
});
