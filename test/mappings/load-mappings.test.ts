import { describe, expect, it } from 'vitest';
import { loadMappings } from '../../src/mappings/load-mappings.js';
import { MappingsInvalidError } from '../../src/mappings/mappings-invalid-error.js';

async function problemsOf(dir: string): Promise<string[]> {
  try {
    await loadMappings(dir);
  } catch (error) {
    if (error instanceof MappingsInvalidError) return error.problems.map((p) => `${p.file.split('/').slice(-2).join('/')}:${String(p.line)} ${p.path}: ${p.expected} | ${p.found}`);
    throw error;
  }
  throw new Error(`${dir} was accepted`);
}

describe('mapping files', () => {
  it('given the shipped mappings, then every one is valid and lists the CRM fields to read', async () => {
    const set = await loadMappings('mappings');
    const account = set.get('salesforce', 'Account');
    expect(account?.canonical).toBe('account');
    expect(account?.crmFieldsToRead).toEqual(expect.arrayContaining(['Cosell_Id__c', 'Name', 'Website', 'Owner.Email']));
    expect(set.get('hubspot', 'deals')?.crmFieldsToRead).toContain('deal_currency_code');
    expect(set.base().map((m) => `${m.crm}/${m.object}`).sort()).toEqual([
      'hubspot/companies', 'hubspot/contacts', 'hubspot/deals', 'hubspot/owners',
      'salesforce/Account', 'salesforce/Contact', 'salesforce/Opportunity', 'salesforce/Partner__c', 'salesforce/User',
    ]);
  });

  it('given broken mapping files, then every problem of every file is listed with file, line and field', async () => {
    const problems = await problemsOf('test/fixtures/mappings/broken');
    const expected = [
      'salesforce/account.yaml:7 fields[0].precedence: a precedence rule',
      'salesforce/account.yaml:8 fields[1].canonical: a field of the canonical account',
      'salesforce/account.yaml:9 fields[2].precedence: no precedence',
      'salesforce/account.yaml:10 fields[3].direction: one of "to-crm"',
      'salesforce/account.yaml:11 fields[4].transforms[0]: a transform',
      'salesforce/account.yaml:12 fields[5].canonical: each canonical field once',
      'salesforce/account.yaml:13 fields[6].crm: a data field, not the external-id field',
      'salesforce/opportunity.yaml:13 fields[0].transforms[0].valueMap.reverse: a reverse entry for qualification',
      'salesforce/opportunity.yaml:14 fields[1].transforms[0].money: currencyField',
      'salesforce/opportunity.yaml:15 fields[2].transforms[0].date.timeZone: an IANA time zone',
      'hubspot/companies.yaml:1 externalId: the external-id field used for upserts',
      'hubspot/syntax.yaml:2 (file): valid YAML',
      'hubspot/deals.yaml:3 object: an object with a valid shipped mapping (none loaded)',
    ];
    for (const start of expected) expect(problems.some((p) => p.startsWith(start)), `${start}\n${problems.join('\n')}`).toBe(true);
    expect(problems).toHaveLength(expected.length + 2); // syntax.yaml reports three YAML errors
  });

  it('given a partner override, then that partner gets the merged mapping and others the shipped one', async () => {
    const set = await loadMappings('test/fixtures/mappings/override');
    const shipped = set.get('salesforce', 'Account');
    const globex = set.get('salesforce', 'Account', 'globex');
    expect(set.get('salesforce', 'Account', 'northwind')).toBe(shipped);
    expect(globex?.externalId).toBe('Vendor_Key__c');
    expect(globex?.fields.map((f) => `${f.canonical}:${f.crm}`)).toEqual([
      'name:Name', 'website:Company_Site__c', 'domain:Company_Site__c', 'country:BillingCountry',
    ]);
    expect(globex?.sources).toHaveLength(2);
  });
});
