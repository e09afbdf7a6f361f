import { describe, expect, it } from 'vitest';
import { encodePreparedAccounts, preparedAccountsOf } from '../../src/matching/csv/prepared-account-batch.js';
import { prepareAccount } from '../../src/matching/prepared-account.js';

describe('prepared accounts between threads', () => {
  it('given accounts with accents, other scripts, emoji and missing fields, then they come back exactly as they went', () => {
    const accounts = [
      prepareAccount({ id: 'v-1', name: 'Société Générale S.A.', website: 'societegenerale.fr', country: 'France', city: 'Paris' }),
      prepareAccount({ id: '株式会社-2', name: 'トヨタ自動車株式会社', country: 'JP' }),
      prepareAccount({ id: 'v-😀-3', name: 'Smile 😀 Labs' }),
      prepareAccount({ id: 'v-4', name: '' }),
    ];
    expect(preparedAccountsOf(encodePreparedAccounts(accounts))).toEqual(accounts);
  });

  it('given an id with a lone surrogate, then it becomes U+FFFD and every other field still lines up', () => {
    const accounts = [prepareAccount({ id: 'bad\uD800id', name: 'Acme GmbH', country: 'DE' }), prepareAccount({ id: 'v-2', name: 'Globex Ltd', website: 'globex.co.uk' })];
    const [first, second] = preparedAccountsOf(encodePreparedAccounts(accounts));
    expect(first).toEqual({ ...accounts[0], id: 'bad\uFFFDid' });
    expect(second).toEqual(accounts[1]);
  });
});
