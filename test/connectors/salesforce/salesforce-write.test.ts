import { describe, expect, it } from 'vitest';
import { setup } from './salesforce-fixture.js';

const opportunity = (n: number, productLine = 'Compute') => ({
  externalId: `opp_${String(n)}`,
  fields: { Name: `Deal ${String(n)}`, StageName: 'Prospecting', CloseDate: '2025-06-30', Product_Line__c: productLine },
});

describe('Salesforce connector writes against the sandbox', () => {
  it('given 200 records with one invalid picklist value, then one collections call writes 199 and the one fails alone with the org code', async () => {
    const { sb, connector } = await setup();
    const inputs = Array.from({ length: 200 }, (_, n) => opportunity(n, n === 57 ? 'No Such Line' : 'Compute'));
    sb.clearRequests();
    const outcomes = await connector.upsert('Opportunity', 'Cosell_Id__c', inputs);
    expect(sb.requests().filter((r) => r.url.includes('/composite/sobjects'))).toHaveLength(1);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(199);
    const failed = outcomes[57];
    expect(failed).toMatchObject({ ok: false, externalId: 'opp_57', error: { code: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', fields: ['Product_Line__c'], retryable: false } });
    expect(outcomes[0]).toMatchObject({ ok: true, externalId: 'opp_0', created: true });
    expect(sb.store.count('Opportunity')).toBe(199);
  });

  it('given the same records again, then they update in place (created false) and nothing is duplicated', async () => {
    const { sb, connector } = await setup();
    const first = await connector.upsert('Opportunity', 'Cosell_Id__c', [opportunity(1), opportunity(2)]);
    const again = await connector.upsert('Opportunity', 'Cosell_Id__c', [{ ...opportunity(1), fields: { ...opportunity(1).fields, Name: 'Renamed' } }, opportunity(2)]);
    expect(again.map((o) => o.ok && o.created)).toEqual([false, false]);
    expect(again.map((o) => (o.ok ? o.id : ''))).toEqual(first.map((o) => (o.ok ? o.id : '')));
    expect(sb.store.count('Opportunity')).toBe(2);
    expect(sb.store.get('Opportunity', first[0]?.ok ? first[0].id : '')?.Name).toBe('Renamed');
  });

  it('given 450 records, then they go in 200-record calls (the minimum) in input order', async () => {
    const { sb, connector } = await setup();
    sb.clearRequests();
    const outcomes = await connector.upsert('Account', 'Cosell_Id__c', Array.from({ length: 450 }, (_, n) => ({ externalId: `acc_${String(n)}`, fields: { Name: `A${String(n)}` } })));
    expect(sb.requests().filter((r) => r.url.includes('/composite/sobjects'))).toHaveLength(3);
    expect(outcomes.map((o) => o.externalId)).toEqual(Array.from({ length: 450 }, (_, n) => `acc_${String(n)}`));
    expect(outcomes.every((o) => o.ok)).toBe(true);
  });

  it('given a record a rep created (crm id known, no external id), then it is updated by Id and given the external id', async () => {
    const { sb, connector } = await setup();
    const id = sb.store.create('Account', { Name: 'Rep made' });
    const [outcome] = await connector.upsert('Account', 'Cosell_Id__c', [{ externalId: 'acc_linked', crmId: id, fields: { Name: 'Linked' } }]);
    expect(outcome).toEqual({ ok: true, externalId: 'acc_linked', id, created: false });
    expect(sb.store.get('Account', id)).toMatchObject({ Name: 'Linked', Cosell_Id__c: 'acc_linked' });
  });

  it('given ids to remove, one already gone, then each gets its own outcome and the rest go to the recycle bin', async () => {
    const { sb, connector } = await setup();
    const a = sb.store.create('Account', { Name: 'A' });
    const b = sb.store.create('Account', { Name: 'B' });
    sb.store.delete('Account', b);
    const outcomes = await connector.remove('Account', [a, b]);
    expect(outcomes[0]).toEqual({ ok: true, id: a });
    expect(outcomes[1]).toMatchObject({ ok: false, id: b, error: { code: 'ENTITY_IS_DELETED' } });
    expect(sb.store.count('Account')).toBe(0);
  });
});
