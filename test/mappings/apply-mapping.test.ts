import { describe, expect, it } from 'vitest';
import { fromCrm, toCrm } from '../../src/mappings/apply-mapping.js';
import { loadMappings } from '../../src/mappings/load-mappings.js';
import { resolveTwoWay } from '../../src/mappings/precedence.js';

const set = await loadMappings('mappings');

describe('applying mappings', () => {
  it('given a Salesforce opportunity, then it reads as a canonical opportunity', () => {
    const mapping = set.get('salesforce', 'Opportunity');
    if (!mapping) throw new Error('no shipped Opportunity mapping');
    const { values, errors } = fromCrm(mapping, {
      Name: ' Acme — Data Platform ',
      'Account.Name': 'Acme Corp',
      StageName: 'Needs Analysis',
      Amount: 120000,
      CloseDate: '2025-06-30',
      Product_Line__c: 'Data Platform',
      'Owner.Email': 'Rep@Vendor.example',
      'Owner.Name': 'Rita Rep',
      CreatedDate: '2025-01-02T03:04:05.000+0000',
    });
    expect(errors).toEqual([]);
    expect(values).toEqual({
      name: 'Acme — Data Platform',
      accountName: 'Acme Corp',
      stage: 'qualification',
      amount: { amount: 120000, currency: 'USD' },
      closeDate: '2025-06-30',
      productLine: 'Data Platform',
      ownerEmail: 'rep@vendor.example',
      ownerName: 'Rita Rep',
      createdAt: '2025-01-02T03:04:05.000Z',
    });
  });

  it('given a canonical opportunity, then it writes HubSpot deal properties for the two-way fields only', () => {
    const mapping = set.get('hubspot', 'deals');
    if (!mapping) throw new Error('no shipped deals mapping');
    const { values, errors } = toCrm(mapping, {
      name: 'Acme — Data Platform',
      stage: 'qualification',
      amount: { amount: 120000, currency: 'EUR' },
      closeDate: '2025-06-30',
      productLine: null,
      createdAt: '2025-01-02T03:04:05.000Z',
    });
    expect(errors).toEqual([]);
    expect(values).toEqual({
      dealname: 'Acme — Data Platform',
      dealstage: 'qualifiedtobuy',
      amount: 120000,
      deal_currency_code: 'EUR',
      closedate: Date.UTC(2025, 5, 30),
      product_line: null,
    });
  });

  it('given an allowlist, then only the allowed canonical fields are written', () => {
    const mapping = set.get('hubspot', 'companies');
    if (!mapping) throw new Error('no shipped companies mapping');
    const { values } = toCrm(mapping, { name: 'Acme', website: 'acme.com' }, new Set(['name']));
    expect(values).toEqual({ name: 'Acme' });
  });

  it('given a value a transform cannot convert, then that field is reported and the others still convert', () => {
    const mapping = set.get('salesforce', 'Opportunity');
    if (!mapping) throw new Error('no shipped Opportunity mapping');
    const { values, errors } = fromCrm(mapping, { Name: 'X', StageName: 'Dormant', Amount: 'lots' });
    expect(values.name).toBe('X');
    expect(errors.map((e) => e.crm)).toEqual(['StageName', 'Amount']);
    expect(errors[0]?.message).toContain('Dormant');
  });
});

describe('two-way precedence', () => {
  const vendor = { value: 'proposal', changedAt: '2025-01-02T10:00:00.000Z' };
  const partner = { value: 'negotiation', changedAt: '2025-01-02T11:00:00.000Z' };
  it.each([
    ['source-of-truth', vendor, partner, 'vendor'],
    ['most-recent', vendor, partner, 'partner'],
    ['most-recent', { ...vendor, changedAt: partner.changedAt }, partner, 'vendor'],
    ['prefer-non-blank', { value: '', changedAt: undefined }, partner, 'partner'],
    ['prefer-non-blank', vendor, partner, 'vendor'],
  ] as const)('given rule %s, then the winner is as configured', (rule, v, p, winner) => {
    expect(resolveTwoWay(rule, v, p).winner).toBe(winner);
  });
});
