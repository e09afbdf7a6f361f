import { describe, expect, it } from 'vitest';
import { Secret } from '../../src/config/secret.js';
import { identifyCaller, PartnerKeys } from '../../src/server/api-caller.js';

const ADMIN = { username: 'admin', password: new Secret('correct horse battery staple', 'ADMIN_PASSWORD') };
const NORTHWIND_KEY = 'nw-key-0123456789abcdef';
const GLOBEX_KEY = 'gx-key-0123456789abcdef';
const keys = new PartnerKeys([
  { id: 'northwind', apiKey: new Secret(NORTHWIND_KEY, 'NORTHWIND_API_KEY') },
  { id: 'globex', apiKey: new Secret(GLOBEX_KEY, 'GLOBEX_API_KEY') },
  { id: 'initech' },
]);
const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('identifyCaller', () => {
  it.each<[string | undefined, unknown]>([
    [undefined, { kind: 'anonymous' }],
    ['  ', { kind: 'anonymous' }],
    [`Bearer ${NORTHWIND_KEY}`, { kind: 'partner', partnerId: 'northwind' }],
    [`bearer ${GLOBEX_KEY}`, { kind: 'partner', partnerId: 'globex' }],
    [basic('admin', 'correct horse battery staple'), { kind: 'admin' }],
    [`Bearer ${NORTHWIND_KEY}x`, { kind: 'refused', reason: 'the API key is not valid' }],
    ['Bearer ', { kind: 'refused' }],
    [basic('admin', 'guess'), { kind: 'refused', reason: 'wrong admin username or password' }],
    [basic('root', 'correct horse battery staple'), { kind: 'refused' }],
    [`Basic ${Buffer.from('no-colon').toString('base64')}`, { kind: 'refused' }],
    [`Token ${NORTHWIND_KEY}`, { kind: 'refused' }],
    [NORTHWIND_KEY, { kind: 'refused' }],
  ])('given Authorization %j, then %j', (header, expected) => {
    expect(identifyCaller(header, ADMIN, keys)).toMatchObject(expected as object);
  });

  it('given a refusal, then its reason never quotes what was sent', () => {
    for (const header of [`Token ${NORTHWIND_KEY}`, `${NORTHWIND_KEY} extra`, `Bearer ${NORTHWIND_KEY}x`]) {
      expect(JSON.stringify(identifyCaller(header, ADMIN, keys))).not.toContain('0123456789abcdef');
    }
  });
});

describe('PartnerKeys', () => {
  it('given a key shorter than 16 characters, then refused naming its variable, not its value', () => {
    expect(() => new PartnerKeys([{ id: 'northwind', apiKey: new Secret('short-key', 'NW_KEY') }])).toThrow(/partners\[0\]\.apiKey.*NW_KEY holds 9 characters/);
    expect(() => new PartnerKeys([{ id: 'northwind', apiKey: new Secret('short-key', 'NW_KEY') }])).not.toThrow(/short-key/);
  });

  it('given two partners with the same key, then refused', () => {
    const same = 'the-same-key-for-both-partners';
    expect(() => new PartnerKeys([{ id: 'a', apiKey: new Secret(same, 'A_KEY') }, { id: 'b', apiKey: new Secret(same, 'B_KEY') }])).toThrow(/partners\[1\]\.apiKey.*same key as partners\[0\]/);
  });
});
