import { describe, expect, it } from 'vitest';
import { partnerSideValues, vendorSideValues } from '../../../src/engine/overlaps/overlap-fields.js';

const vendor = { relationship: 'customer', contact: { name: 'Maya Chen', email: 'maya.chen@acme.example' } };

describe("account mapping's write-back values", () => {
  it("given a partner allowed the relationship and the owner's name, then it gets those and not the e-mail", () => {
    expect(partnerSideValues({ sharing: { share: 'overlaps', fields: ['relationship', 'ownerName'] } }, vendor)).toEqual({ cosellOverlap: true, vendorRelationship: 'customer', vendorOwner: 'Maya Chen' });
  });

  it('given a partner allowed the e-mail only, then the contact is the e-mail', () => {
    expect(partnerSideValues({ sharing: { share: 'overlaps', fields: ['ownerEmail'] } }, vendor)).toEqual({ cosellOverlap: true, vendorRelationship: null, vendorOwner: 'maya.chen@acme.example' });
  });

  it('given a partner allowed neither, then only the fact of the overlap goes', () => {
    expect(partnerSideValues({ sharing: { share: 'all', fields: ['name', 'website'] } }, vendor)).toEqual({ cosellOverlap: true, vendorRelationship: null, vendorOwner: null });
  });

  it('given a match that went, then every field is blank (what was written is cleared)', () => {
    expect(partnerSideValues({ sharing: { share: 'overlaps', fields: ['relationship', 'ownerName', 'ownerEmail'] } }, undefined)).toEqual({ cosellOverlap: false, vendorRelationship: null, vendorOwner: null });
  });

  it("given partners on a vendor account, then they are listed by name with their relationship and contact", () => {
    expect(
      vendorSideValues([
        { name: 'Northwind', side: { relationship: 'prospect', contact: { name: 'Claire Dubois' } } },
        { name: 'Globex', side: { relationship: null, contact: undefined } },
      ]),
    ).toEqual({ cosellOverlap: true, cosellPartners: 'Globex; Northwind (prospect)', partnerOwner: 'Claire Dubois (Northwind)' });
  });

  it('given no partner left on a vendor account, then its fields are blank', () => {
    expect(vendorSideValues([])).toEqual({ cosellOverlap: false, cosellPartners: null, partnerOwner: null });
  });
});
