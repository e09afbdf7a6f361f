import { describe, expect, it } from 'vitest';
import { normalizeCompanyName, splitCompanyName } from '../../src/matching/normalize-company-name.js';

describe('company name normalisation', () => {
  it.each([
    ['Acme, Inc.', 'acme'],
    ['ACME INC', 'acme'],
    ['The Acme Company, Inc.', 'acme'],
    ['Acme Holdings Ltd', 'acme'],
    ['Acme Corp.', 'acme'],
    ['Société Générale S.A.', 'societe generale'],
    ['Müller & Söhne GmbH', 'muller and sohne'],
    ['Mueller and Soehne GmbH & Co. KG', 'mueller and soehne'],
    ['Barclays PLC', 'barclays'],
    ['Atlassian Pty Ltd', 'atlassian'],
    ['Philips N.V.', 'philips'],
    ['Heineken B.V.', 'heineken'],
    ['Novo Nordisk A/S', 'novo nordisk'],
    ['Telefónica, S.L.U.', 'telefonica'],
    ['Grupo Bimbo, S.A.B. de C.V.', 'grupo bimbo'],
    ['Toyota Motor K.K.', 'toyota motor'],
    ['Ørsted A/S', 'orsted'],
    ['Nestlé S.A.', 'nestle'],
    ["McDonald's Corporation", 'mcdonalds'],
    ['AT&T Inc.', 'at and t'],
    ['The Home Depot', 'home depot'],
    ['The Limited', 'the limited'],
    ['Inc.', 'inc'],
    ['  Blue   Harbor  Logistics  ', 'blue harbor logistics'],
    ['Straße Bau AG', 'strasse bau'],
  ])('given %o, then the name is %o', (input, expected) => {
    expect(normalizeCompanyName(input)).toBe(expected);
  });

  it('given two spellings of one company, then they normalise alike; two different companies do not', () => {
    expect(normalizeCompanyName('Northwind Traders, LLC')).toBe(normalizeCompanyName('NORTHWIND TRADERS'));
    expect(normalizeCompanyName('Delta Air Lines, Inc.')).not.toBe(normalizeCompanyName('Delta Dental'));
  });
});

describe('company name parts', () => {
  it.each([
    ['The Acme', 'acme'],
    ['Łukasiewicz Sp. z o.o.', 'lukasiewicz'],
    ['Yılmaz Holding A.Ş.', 'yilmaz holding'],
    ['Firtaium UG (haftungsbeschränkt)', 'firtaium'],
  ])('given %o, then the name is %o', (input, expected) => {
    expect(normalizeCompanyName(input)).toBe(expected);
  });

  it('given a name with legal forms, then they are returned last first', () => {
    expect(splitCompanyName('Acme Holdings Ltd')).toEqual({ name: 'acme', legalForms: ['ltd', 'holdings'] });
    expect(splitCompanyName('Acme GmbH & Co. KG')).toEqual({ name: 'acme', legalForms: ['gmbh and co kg'] });
  });
});
