import { describe, expect, it } from 'vitest';
import { domainKey } from '../../src/matching/domain-key.js';
import { SharedPlatformDetector } from '../../src/matching/shared-platform-detector.js';

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

describe('domain keys of platforms and mixed fields', () => {
  it.each([
    [{ website: 'https://www.linkedin.com/company/acme' }],
    [{ website: 'facebook.com/acme' }],
    [{ website: 'https://linktr.ee/acme' }],
    [{ website: 'https://wordpress.com' }],
  ])('given a page platform %o, then it is no key', (fields) => {
    // facebook.com is on the free-mail list as well; either way it names no company
    expect(domainKey(fields)).toMatchObject({ kind: 'unusable' });
  });

  it('given tenants of a site builder missing from the Public Suffix List, then each tenant is its own key', () => {
    expect(domainKey({ website: 'https://acme.wordpress.com/about' })).toEqual({ kind: 'corporate', domain: 'acme.wordpress.com' });
    expect(domainKey({ website: 'globex.wordpress.com' })).toEqual({ kind: 'corporate', domain: 'globex.wordpress.com' });
  });

  it('given a LinkedIn page as website and a company e-mail, then the e-mail gives the key', () => {
    expect(domainKey({ website: 'https://www.linkedin.com/company/acme', email: 'jane@mail.acme.de' })).toEqual({ kind: 'corporate', domain: 'acme.de' });
  });

  it('given an e-mail with a display name, then its domain is the key', () => {
    expect(domainKey({ email: 'Jane Doe <jane@acme.com>' })).toEqual({ kind: 'corporate', domain: 'acme.com' });
  });

  it('given a host under no public suffix, then it is invalid', () => {
    expect(domainKey({ website: 'http://intranet.acme/' })).toMatchObject({ kind: 'unusable', reason: 'invalid' });
  });

  it('given one company with many names on its own domain, then the domain stays a company key', () => {
    const detector = new SharedPlatformDetector(3);
    for (const name of ['acme germany', 'acme france', 'acme labs', 'acme']) detector.observe('acme.com', name);
    expect(detector.shared().size).toBe(0);
  });
});
