import { beforeAll, describe, expect, it } from 'vitest';
import { SalesforceApiError } from '../../../src/sandbox/salesforce/errors.js';
import { SandboxClock } from '../../../src/sandbox/salesforce/sandbox-clock.js';
import { SandboxOrg } from '../../../src/sandbox/salesforce/sandbox-org.js';
import { SandboxRecords } from '../../../src/sandbox/salesforce/sandbox-records.js';
import { DEFAULT_SETTINGS } from '../../../src/sandbox/salesforce/sandbox-settings.js';
import { resolveDateLiteral } from '../../../src/sandbox/salesforce/soql/soql-date-literals.js';

/** Wednesday 15 May 2024, 12:00 UTC. */
const NOW = Date.UTC(2024, 4, 15, 12);

let records: SandboxRecords;
let clock: SandboxClock;

function org(): SandboxRecords {
  clock = new SandboxClock();
  clock.freeze(NOW);
  const created = new SandboxOrg({
    orgSeed: 3,
    clock,
    settings: DEFAULT_SETTINGS,
    credentials: { username: 'api@example.com', password: 'p', securityToken: 't', clientId: 'c', clientSecret: 's' },
  });
  return new SandboxRecords(created);
}

const names = (soql: string, includeDeleted = false): unknown[] => records.query(soql, { includeDeleted }).map((record) => record.Name);

function refused(soql: string): { errorCode: string; message: string } {
  try {
    records.query(soql);
  } catch (error) {
    if (error instanceof SalesforceApiError) return { errorCode: error.errorCode, message: error.message };
    throw error;
  }
  throw new Error(`expected ${soql} to be refused`);
}

beforeAll(() => {
  records = org();
  const rep = records.create('User', { Username: 'rep@vendor.example', FirstName: 'Ada', LastName: 'Rep', Email: 'rep@vendor.example', Alias: 'arep' });
  const acme = records.create('Account', { Name: 'Acme Corporation', Industry: 'Technology', NumberOfEmployees: 500, AnnualRevenue: 2_000_000, Type: 'Customer - Direct', BillingCountry: 'US', OwnerId: rep });
  const globex = records.create('Account', { Name: "O'Brien 100% Ltd", Industry: 'Banking', NumberOfEmployees: 50, Type: 'Prospect', BillingCountry: 'IE' });
  records.create('Account', { Name: 'snake_case Inc', Industry: 'Retail', BillingCountry: 'US', Description: 'line one\nline two' });
  records.create('Account', { Name: 'Back\\slash GmbH', BillingCountry: 'DE', NumberOfEmployees: 5 });
  records.create('Opportunity', { Name: 'Acme renewal', AccountId: acme, StageName: 'Closed Won', CloseDate: '2024-05-15', Amount: 1000 });
  records.create('Opportunity', { Name: 'Acme expansion', AccountId: acme, StageName: 'Prospecting', CloseDate: '2024-06-30', Amount: 5000, Product_Line__c: 'Analytics' });
  records.create('Opportunity', { Name: 'Globex pilot', AccountId: globex, StageName: 'Qualification', CloseDate: '2024-04-01', Amount: 250 });
  records.create('Partner__c', { Name: 'Cloudworks', Persona__c: 'SI', Tier__c: 'Gold', Certifications__c: 'Cloud Architect;Migration' });
  records.create('Partner__c', { Name: 'DataCo', Persona__c: 'ISV', Tier__c: 'Silver', Certifications__c: 'Data & AI' });
});

describe('SOQL evaluation', () => {
  it.each<[string, string, unknown[]]>([
    ['equality ignores case', "SELECT Name FROM Account WHERE Name = 'ACME CORPORATION'", ['Acme Corporation']],
    ['!= includes records where the field is null', "SELECT Name FROM Account WHERE Industry != 'Technology' ORDER BY Name", ['Back\\slash GmbH', "O'Brien 100% Ltd", 'snake_case Inc']],
    ['= null finds empty fields', 'SELECT Name FROM Account WHERE Industry = null', ['Back\\slash GmbH']],
    ['!= null finds set fields', 'SELECT Name FROM Account WHERE NumberOfEmployees != null ORDER BY NumberOfEmployees', ['Back\\slash GmbH', "O'Brien 100% Ltd", 'Acme Corporation']],
    ['> never matches null', 'SELECT Name FROM Account WHERE NumberOfEmployees > 10 ORDER BY Name', ['Acme Corporation', "O'Brien 100% Ltd"]],
    ['<= on numbers', 'SELECT Name FROM Account WHERE NumberOfEmployees <= 50 ORDER BY Name', ['Back\\slash GmbH', "O'Brien 100% Ltd"]],
    ['IN on text', "SELECT Name FROM Account WHERE BillingCountry IN ('us', 'DE') ORDER BY Name", ['Acme Corporation', 'Back\\slash GmbH', 'snake_case Inc']],
    ['NOT IN keeps nulls', "SELECT Name FROM Account WHERE Industry NOT IN ('Technology', 'Banking') ORDER BY Name", ['Back\\slash GmbH', 'snake_case Inc']],
    ['an escaped quote', "SELECT Name FROM Account WHERE Name = 'O\\'Brien 100% Ltd'", ["O'Brien 100% Ltd"]],
    ['an escaped backslash', "SELECT Name FROM Account WHERE Name = 'Back\\\\slash GmbH'", ['Back\\slash GmbH']],
    ['LIKE with %', "SELECT Name FROM Account WHERE Name LIKE 'acme%'", ['Acme Corporation']],
    ['LIKE with an escaped %', "SELECT Name FROM Account WHERE Name LIKE '%100\\% L%'", ["O'Brien 100% Ltd"]],
    ['LIKE with _ as a wildcard', "SELECT Name FROM Account WHERE Name LIKE 'snake_case%' ORDER BY Name", ['snake_case Inc']],
    ['LIKE with an escaped _', "SELECT Name FROM Account WHERE Name LIKE 'snake\\_%'", ['snake_case Inc']],
    ['LIKE with _ matching any one character', "SELECT Name FROM Account WHERE Name LIKE 'snake_cas_ Inc'", ['snake_case Inc']],
    ['LIKE with an escaped quote and backslash', "SELECT Name FROM Account WHERE Name LIKE '%\\\\slash%' OR Name LIKE 'O\\'B%' ORDER BY Name", ['Back\\slash GmbH', "O'Brien 100% Ltd"]],
    ['NOT with parentheses', "SELECT Name FROM Account WHERE NOT (BillingCountry = 'US' OR BillingCountry = 'DE')", ["O'Brien 100% Ltd"]],
    ['AND inside OR with parentheses', "SELECT Name FROM Account WHERE (BillingCountry = 'US' AND NumberOfEmployees > 100) OR Industry = 'Banking' ORDER BY Name", ['Acme Corporation', "O'Brien 100% Ltd"]],
    ['a parent field', "SELECT Name FROM Opportunity WHERE Account.Industry = 'Technology' ORDER BY Name", ['Acme expansion', 'Acme renewal']],
    ['a grandparent field', "SELECT Name FROM Opportunity WHERE Account.Owner.Email = 'rep@vendor.example' ORDER BY Amount DESC", ['Acme expansion', 'Acme renewal']],
    ['a boolean', 'SELECT Name FROM Opportunity WHERE IsWon = true', ['Acme renewal']],
    ['a date', 'SELECT Name FROM Opportunity WHERE CloseDate > 2024-05-15 ORDER BY Name', ['Acme expansion']],
    ['a date literal (TODAY)', 'SELECT Name FROM Opportunity WHERE CloseDate = TODAY', ['Acme renewal']],
    ['LAST_N_DAYS includes today', 'SELECT Name FROM Opportunity WHERE CloseDate = LAST_N_DAYS:50 ORDER BY Name', ['Acme renewal', 'Globex pilot']],
    ['NEXT_N_DAYS excludes today', 'SELECT Name FROM Opportunity WHERE CloseDate = NEXT_N_DAYS:60', ['Acme expansion']],
    ['> a date literal means after its range', 'SELECT Name FROM Opportunity WHERE CloseDate > THIS_MONTH', ['Acme expansion']],
    ['< a date literal means before its range', 'SELECT Name FROM Opportunity WHERE CloseDate < THIS_MONTH', ['Globex pilot']],
    ['a datetime with an offset', 'SELECT Name FROM Account WHERE CreatedDate = 2024-05-15T14:00:00+02:00 AND Name = \'Acme Corporation\'', ['Acme Corporation']],
    ['a datetime literal range', "SELECT Name FROM Account WHERE CreatedDate = TODAY AND Name LIKE 'Acme%'", ['Acme Corporation']],
    ['INCLUDES any of the sets', "SELECT Name FROM Partner__c WHERE Certifications__c INCLUDES ('Migration', 'Security Specialist')", ['Cloudworks']],
    ['INCLUDES a set needs all its values', "SELECT Name FROM Partner__c WHERE Certifications__c INCLUDES ('Cloud Architect;Data & AI')", []],
    ['EXCLUDES', "SELECT Name FROM Partner__c WHERE Certifications__c EXCLUDES ('Migration')", ['DataCo']],
    ['a semi-join', "SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Opportunity WHERE StageName = 'Qualification')", ["O'Brien 100% Ltd"]],
    ['an anti-join', 'SELECT Name FROM Account WHERE Id NOT IN (SELECT AccountId FROM Opportunity) ORDER BY Name', ['Back\\slash GmbH', 'snake_case Inc']],
    ['ORDER BY picklist order', "SELECT Name FROM Opportunity ORDER BY StageName", ['Acme expansion', 'Globex pilot', 'Acme renewal']],
    ['ORDER BY a picklist in its value order, NULLS LAST', 'SELECT Name FROM Account ORDER BY Industry NULLS LAST, Name', ["O'Brien 100% Ltd", 'snake_case Inc', 'Acme Corporation', 'Back\\slash GmbH']],
    ['ORDER BY DESC puts nulls last', 'SELECT Name FROM Account ORDER BY NumberOfEmployees DESC', ['Acme Corporation', "O'Brien 100% Ltd", 'Back\\slash GmbH', 'snake_case Inc']],
    ['ORDER BY DESC NULLS FIRST', 'SELECT Name FROM Account ORDER BY NumberOfEmployees DESC NULLS FIRST', ['snake_case Inc', 'Acme Corporation', "O'Brien 100% Ltd", 'Back\\slash GmbH']],
    ['LIMIT and OFFSET', 'SELECT Name FROM Account ORDER BY Name LIMIT 2 OFFSET 1', ['Back\\slash GmbH', "O'Brien 100% Ltd"]],
    ['an alias', "SELECT a.Name FROM Account a WHERE a.Industry = 'Banking'", ["O'Brien 100% Ltd"]],
  ])('given %s, when queried, then the matching records come back', (_case, soql, expected) => {
    expect(names(soql)).toEqual(expected);
  });

  it('given ORDER BY Industry NULLS LAST, when queried, then the record without industry comes last', () => {
    expect(names('SELECT Name FROM Account ORDER BY Industry NULLS LAST').at(-1)).toBe('Back\\slash GmbH');
    expect(names('SELECT Name FROM Account ORDER BY Industry').at(0)).toBe('Back\\slash GmbH');
  });

  it('given parent fields and a subquery, when queried, then records nest parents and child results as the API does', () => {
    const [account] = records.query("SELECT Name, Owner.Name, Parent.Name, (SELECT Name, Amount FROM Opportunities ORDER BY Amount) FROM Account WHERE Name = 'Acme Corporation'");
    expect(account).toMatchObject({
      attributes: { type: 'Account' },
      Name: 'Acme Corporation',
      Owner: { attributes: { type: 'User' }, Name: 'Ada Rep' },
      Parent: null,
      Opportunities: {
        totalSize: 2,
        done: true,
        records: [
          { attributes: { type: 'Opportunity' }, Name: 'Acme renewal', Amount: 1000 },
          { attributes: { type: 'Opportunity' }, Name: 'Acme expansion', Amount: 5000 },
        ],
      },
    });
    const [lonely] = records.query("SELECT Name, (SELECT Name FROM Opportunities) FROM Account WHERE Name = 'snake_case Inc'");
    expect(lonely?.Opportunities).toBeNull();
  });

  it('given field names in another case, when queried, then records use the canonical names', () => {
    const [record] = records.query("select name, account.industry from opportunity where name = 'Globex pilot'");
    expect(Object.keys(record ?? {})).toEqual(['attributes', 'Name', 'Account']);
    expect(record?.Account).toMatchObject({ Industry: 'Banking' });
  });

  it.each([
    ['an unknown object', 'SELECT Id FROM Nope', 'INVALID_TYPE', "sObject type 'Nope' is not supported."],
    ['an unknown field', 'SELECT Id, Nope FROM Account', 'INVALID_FIELD', "No such column 'Nope' on entity 'Account'."],
    ['an unknown relationship', 'SELECT Nope.Name FROM Opportunity', 'INVALID_FIELD', "Didn't understand relationship 'Nope' in field path."],
    ['an unknown field in WHERE', "SELECT Id FROM Account WHERE Nope = 'x'", 'INVALID_FIELD', "No such column 'Nope'"],
    ['a date compared with a datetime field', 'SELECT Id FROM Account WHERE CreatedDate > 2024-01-01', 'INVALID_FIELD', "value of filter criterion for field 'CreatedDate' must be of type dateTime and should not be enclosed in quotes"],
    ['a string compared with a number field', "SELECT Id FROM Account WHERE NumberOfEmployees = '5'", 'INVALID_FIELD', "value of filter criterion for field 'NumberOfEmployees' must be of type int"],
    ['a number compared with a text field', 'SELECT Id FROM Account WHERE Name = 5', 'INVALID_FIELD', 'must be of type string and should be enclosed in quotes'],
    ['an invalid id', "SELECT Id FROM Account WHERE Id = 'nope'", 'INVALID_QUERY_FILTER_OPERATOR', 'invalid ID field: nope'],
    ['LIKE on a number', "SELECT Id FROM Account WHERE NumberOfEmployees LIKE '5%'", 'INVALID_QUERY_FILTER_OPERATOR', 'invalid operator'],
    ['a duplicate field', 'SELECT Name, name FROM Account', 'MALFORMED_QUERY', 'duplicate field selected: Name'],
    ['an OFFSET over 2,000', 'SELECT Id FROM Account LIMIT 10 OFFSET 2001', 'NUMBER_OUTSIDE_VALID_RANGE', 'Maximum SOQL offset allowed is 2000'],
    ['FIELDS(ALL) without LIMIT', 'SELECT FIELDS(ALL) FROM Account', 'MALFORMED_QUERY', 'LIMIT of at most 200'],
    ['an aggregate mixed with a field', 'SELECT Name, COUNT(Id) FROM Account', 'MALFORMED_QUERY', 'Field must be grouped or aggregated: Name'],
    ['ORDER BY a long text field', 'SELECT Id FROM Account ORDER BY Description', 'INVALID_FIELD', "field 'Description' can not be sorted"],
    ['a semi-join selecting two fields', 'SELECT Id FROM Account WHERE Id IN (SELECT AccountId, Name FROM Opportunity)', 'MALFORMED_QUERY', 'exactly one id or reference field'],
  ])('given %s, when queried, then the API error is %s', (_case, soql, errorCode, message) => {
    const error = refused(soql);
    expect(error.errorCode).toBe(errorCode);
    expect(error.message).toContain(message);
    expect(error.message).toMatch(/^\n.*\n *\^\nERROR at Row:1:Column:\d+\n/);
  });

  it('given the records API, when counting, then count() answers and query() leaves COUNT() to count()', () => {
    expect(records.count('Account')).toBe(4);
    expect(() => records.query('SELECT COUNT() FROM Account')).toThrow('use count()');
  });

  it('given deleted records, when queried with and without queryAll, then only queryAll sees them', () => {
    const local = org();
    const id = local.create('Account', { Name: 'Gone' });
    local.create('Account', { Name: 'Here' });
    local.delete('Account', id);
    expect(local.query('SELECT Name FROM Account').map((record) => record.Name)).toEqual(['Here']);
    expect(local.query('SELECT Name, IsDeleted FROM Account ORDER BY Name', { includeDeleted: true }).map((record) => [record.Name, record.IsDeleted])).toEqual([
      ['Gone', true],
      ['Here', false],
    ]);
    expect(local.query('SELECT Name FROM Account WHERE IsDeleted = true', { includeDeleted: true }).map((record) => record.Name)).toEqual(['Gone']);
  });
});

describe('SOQL date literals', () => {
  const day = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d);
  it.each<[string, number | undefined, number, number]>([
    ['TODAY', undefined, day(2024, 5, 15), day(2024, 5, 16)],
    ['YESTERDAY', undefined, day(2024, 5, 14), day(2024, 5, 15)],
    ['TOMORROW', undefined, day(2024, 5, 16), day(2024, 5, 17)],
    ['THIS_WEEK', undefined, day(2024, 5, 12), day(2024, 5, 19)],
    ['LAST_WEEK', undefined, day(2024, 5, 5), day(2024, 5, 12)],
    ['NEXT_WEEK', undefined, day(2024, 5, 19), day(2024, 5, 26)],
    ['THIS_MONTH', undefined, day(2024, 5, 1), day(2024, 6, 1)],
    ['LAST_MONTH', undefined, day(2024, 4, 1), day(2024, 5, 1)],
    ['THIS_QUARTER', undefined, day(2024, 4, 1), day(2024, 7, 1)],
    ['LAST_QUARTER', undefined, day(2024, 1, 1), day(2024, 4, 1)],
    ['THIS_YEAR', undefined, day(2024, 1, 1), day(2025, 1, 1)],
    ['THIS_FISCAL_YEAR', undefined, day(2024, 1, 1), day(2025, 1, 1)],
    ['LAST_90_DAYS', undefined, day(2024, 2, 15), day(2024, 5, 16)],
    ['NEXT_90_DAYS', undefined, day(2024, 5, 16), day(2024, 8, 14)],
    ['LAST_N_DAYS', 7, day(2024, 5, 8), day(2024, 5, 16)],
    ['NEXT_N_DAYS', 7, day(2024, 5, 16), day(2024, 5, 23)],
    ['N_DAYS_AGO', 3, day(2024, 5, 12), day(2024, 5, 13)],
    ['LAST_N_WEEKS', 2, day(2024, 4, 28), day(2024, 5, 12)],
    ['NEXT_N_MONTHS', 2, day(2024, 6, 1), day(2024, 8, 1)],
    ['LAST_N_MONTHS', 2, day(2024, 3, 1), day(2024, 5, 1)],
    ['N_MONTHS_AGO', 1, day(2024, 4, 1), day(2024, 5, 1)],
    ['LAST_N_YEARS', 1, day(2023, 1, 1), day(2024, 1, 1)],
    ['NEXT_N_QUARTERS', 1, day(2024, 7, 1), day(2024, 10, 1)],
  ])('given %s with n=%s on Wednesday 2024-05-15, then the range starts and ends where SOQL says', (name, n, start, end) => {
    expect(resolveDateLiteral(name, n, NOW)).toEqual({ start, end });
  });
});
