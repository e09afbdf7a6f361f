import { describe, expect, it } from 'vitest';
import { domainKey, SharedPlatformDetector } from '../../src/matching/domain-key.js';

describe('domain keys', () => {
  it.each([
    [{ website: 'https://www.shop.acme.co.uk/en' }, 'acme.co.uk'],
    [{ domain: 'acme.co.uk' }, 'acme.co.uk'],
    [{ email: 'buyer@acme.co.uk' }, 'acme.co.uk'],
    [{ website: 'a.myshopify.com' }, 'a.myshopify.com'],
    [{ website: 'http://b.myshopify.com/collections' }, 'b.myshopify.com'],
    [{ website: 'acme.github.io' }, 'acme.github.io'],
  ])('given %o, then the corporate key is %s', (fields, domain) => {
    expect(domainKey(fields)).toEqual({ kind: 'corporate', domain });
  });

  it.each([
    [{}, 'missing'],
    [{ website: '  ' }, 'missing'],
    [{ website: 'n/a' }, 'invalid'],
    [{ email: 'founder@gmail.com' }, 'free-mail'],
    [{ email: 'ceo@yahoo.co.uk' }, 'free-mail'],
    [{ website: 'outlook.com' }, 'free-mail'],
  ])('given %o, then there is no key (%s)', (fields, reason) => {
    expect(domainKey(fields)).toMatchObject({ kind: 'unusable', reason });
  });

  it('given a domain used by many different companies in a file, then it is a shared platform, not a key', () => {
    const detector = new SharedPlatformDetector(3);
    for (const name of ['acme', 'globex', 'initech', 'acme']) detector.observe('linkedin.com', name);
    detector.observe('acme.com', 'acme');
    detector.observe('acme.com', 'acme labs');
    const shared = detector.shared();
    expect([...shared]).toEqual(['linkedin.com']);
    expect(domainKey({ website: 'https://www.linkedin.com/company/acme' }, shared)).toMatchObject({ reason: 'shared-platform' });
    expect(domainKey({ website: 'acme.com' }, shared)).toEqual({ kind: 'corporate', domain: 'acme.com' });
  });
});
