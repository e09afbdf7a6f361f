import { describe, expect, it } from 'vitest';
import { Territories } from '../../../src/config/territory-schema.js';
import { passesFilter, populationsOf } from '../../../src/engine/overlaps/account-populations.js';
import { contactFor, describeRep, territoryOf } from '../../../src/engine/overlaps/rep-mapping.js';

const territories = Territories.parse([
  { name: 'dach', where: { country: ['DE', 'AT', 'CH'] }, vendorRep: { name: 'Lukas Becker', email: 'lukas@acme.example' }, partnerReps: { northwind: { name: 'Claire Dubois' } } },
  { name: 'us-west', where: { country: ['US'], state: ['CA', 'WA'] }, vendorRep: { name: 'Maya Chen' } },
  { name: 'amer', where: { country: ['US', 'CA'] } },
]);

describe('rep mapping', () => {
  it('given countries written any way, then the territory is found by ISO code', () => {
    expect(territoryOf({ country: 'Deutschland' }, territories)?.name).toBe('dach');
    expect(territoryOf({ country: 'Switzerland' }, territories)?.name).toBe('dach');
    expect(territoryOf({ country: 'United States', state: 'CA' }, territories)?.name).toBe('us-west');
    expect(territoryOf({ country: 'US', state: 'NY' }, territories)?.name).toBe('amer');
    expect(territoryOf({ country: 'Japan' }, territories)).toBeUndefined();
    expect(territoryOf({}, territories)).toBeUndefined();
  });

  it("given an account with an owner, then the owner is the contact; without one, the territory's rep", () => {
    expect(contactFor({ ownerName: 'Jane Roe', ownerEmail: 'jane@p.example' }, territories[0]?.vendorRep)).toEqual({ name: 'Jane Roe', email: 'jane@p.example' });
    expect(contactFor({ ownerName: '  ' }, territories[0]?.vendorRep)).toEqual({ name: 'Lukas Becker', email: 'lukas@acme.example' });
    expect(contactFor({}, undefined)).toBeUndefined();
  });

  it('given a rep, then it reads as "Name <email>", or whichever part is known', () => {
    expect(describeRep({ name: 'Jane Roe', email: 'jane@p.example' })).toBe('Jane Roe <jane@p.example>');
    expect(describeRep({ email: 'jane@p.example' })).toBe('jane@p.example');
    expect(describeRep({})).toBeNull();
  });

  it('given population filters, then values compare case-insensitively and every field must agree', () => {
    expect(passesFilter({ relationship: 'Customer', country: 'Germany' }, { relationship: ['customer'], country: ['DE'] })).toBe(true);
    expect(passesFilter({ relationship: 'customer', country: 'France' }, { relationship: ['customer'], country: ['DE'] })).toBe(false);
    expect(passesFilter({ relationship: null }, { relationship: ['customer'] })).toBe(false);
    expect(populationsOf({ relationship: 'prospect' }, { customers: { relationship: ['customer'] }, prospects: { relationship: ['prospect'] } })).toEqual(['prospects']);
  });
});
