import { describe, expect, it } from 'vitest';
import { date, datetime, dateInZone } from '../../src/mappings/transforms/date-transforms.js';
import { domain, registrableDomain } from '../../src/mappings/transforms/domain-transform.js';
import { boolean, integer, money, number } from '../../src/mappings/transforms/number-transforms.js';
import { lowercase, splitList, trim, uppercase } from '../../src/mappings/transforms/text-transforms.js';
import { TransformError } from '../../src/mappings/transforms/transform.js';
import { valueMap } from '../../src/mappings/transforms/value-map-transform.js';

const NO_RECORD = {};

describe('text transforms', () => {
  it.each([
    [trim, '  Acme  ', 'Acme'],
    [trim, '   ', null],
    [trim, null, null],
    [lowercase, ' Jane@Acme.COM ', 'jane@acme.com'],
    [uppercase, ' de ', 'DE'],
    [trim, 42, '42'],
  ])('given %o, when read from the CRM, then %o becomes %o', (transform, input, output) => {
    expect(transform.toCanonical(input, NO_RECORD)).toBe(output);
  });

  it('given a multi-select value, then it splits on ; and joins back', () => {
    const list = splitList();
    expect(list.toCanonical('Cloud; Data ;;AI', NO_RECORD)).toEqual(['Cloud', 'Data', 'AI']);
    expect(list.toCrm(['Cloud', 'Data'])).toBe('Cloud;Data');
    expect(list.toCrm([])).toBeNull();
  });

  it('given an object where text is expected, then it fails naming the value', () => {
    expect(() => trim.toCanonical({ a: 1 }, NO_RECORD)).toThrow(TransformError);
  });
});

describe('number transforms', () => {
  it.each([
    [number, '1200.50', 1200.5],
    [number, 7, 7],
    [number, '', null],
    [integer, '12.6', 13],
    [boolean, 'true', true],
    [boolean, 'false', false],
    [boolean, false, false],
  ])('given %o, then %o reads as %o', (transform, input, output) => {
    expect(transform.toCanonical(input, NO_RECORD)).toBe(output);
  });

  it.each([[number, 'twelve'], [boolean, 'maybe']])('given %o and %o, then it fails with the value and what was expected', (transform, input) => {
    expect(() => transform.toCanonical(input, NO_RECORD)).toThrow(/cannot convert .* expected/);
  });

  it('given an amount with a currency field, then money carries the ISO code and writes it back beside the amount', () => {
    const transform = money({ currencyField: 'deal_currency_code' });
    expect(transform.toCanonical('1500', { deal_currency_code: 'eur' })).toEqual({ amount: 1500, currency: 'EUR' });
    expect(transform.toCrm({ amount: 1500, currency: 'EUR' })).toBe(1500);
    expect(transform.companionFields?.({ amount: 1500, currency: 'EUR' })).toEqual({ deal_currency_code: 'EUR' });
    expect(transform.reads).toEqual(['deal_currency_code']);
  });

  it('given a single-currency org, then money uses the fixed currency; a missing code without one fails', () => {
    expect(money({ currency: 'USD' }).toCanonical(10, NO_RECORD)).toEqual({ amount: 10, currency: 'USD' });
    expect(() => money({ currencyField: 'CurrencyIsoCode' }).toCanonical(10, {})).toThrow(/ISO 4217/);
  });
});

describe('date transforms', () => {
  it.each([
    ['2024-03-31', 'UTC', '2024-03-31'],
    ['2024-04-01T03:30:00.000Z', 'America/New_York', '2024-03-31'],
    ['2024-04-01T03:30:00.000Z', 'UTC', '2024-04-01'],
    ['2024-03-31T23:30:00.000+0000', 'Asia/Tokyo', '2024-04-01'],
    [1711929600000, 'UTC', '2024-04-01'],
    ['1711929600000', 'Europe/Berlin', '2024-04-01'],
  ])('given %o read in %s, then the calendar date is %s', (input, timeZone, expected) => {
    expect(date({ timeZone }).toCanonical(input, NO_RECORD)).toBe(expected);
  });

  it('given a canonical date, then it is written as YYYY-MM-DD or as midnight UTC in epoch ms', () => {
    expect(date().toCrm('2024-04-01')).toBe('2024-04-01');
    expect(date({ crmFormat: 'epoch-ms' }).toCrm('2024-04-01')).toBe(Date.UTC(2024, 3, 1));
    expect(() => date().toCrm('01/04/2024')).toThrow(/YYYY-MM-DD/);
  });

  it('given Salesforce, HubSpot and epoch forms of one instant, then datetime normalises them to one ISO string', () => {
    const forms = ['2024-01-31T10:00:00.000+0000', '2024-01-31T10:00:00Z', '2024-01-31T11:00:00+01:00', 1706695200000];
    for (const form of forms) expect(datetime.toCanonical(form, NO_RECORD)).toBe('2024-01-31T10:00:00.000Z');
    expect(() => datetime.toCanonical('yesterday', NO_RECORD)).toThrow(TransformError);
  });

  it('given the last hour of a day, then dateInZone follows the zone across the date line', () => {
    const instant = new Date('2024-12-31T23:00:00Z');
    expect(dateInZone(instant, 'Pacific/Auckland')).toBe('2025-01-01');
    expect(dateInZone(instant, 'America/Los_Angeles')).toBe('2024-12-31');
  });
});

describe('domain transform', () => {
  it.each([
    ['https://www.shop.acme.co.uk/en', 'acme.co.uk'],
    ['acme.co.uk', 'acme.co.uk'],
    ['jane.doe@acme.co.uk', 'acme.co.uk'],
    ['HTTP://WWW.Globex.com', 'globex.com'],
    ['a.myshopify.com', 'a.myshopify.com'],
    ['b.myshopify.com/products', 'b.myshopify.com'],
    ['www.example.com.au', 'example.com.au'],
    ['not a url', null],
    ['localhost', null],
  ])('given %o, then the registrable domain is %o', (input, expected) => {
    expect(registrableDomain(input)).toBe(expected);
    expect(domain.toCanonical(input, NO_RECORD)).toBe(expected);
  });
});

describe('value maps', () => {
  const stages = valueMap({
    map: { 'Needs Analysis': 'qualification', Qualification: 'qualification', 'Closed Won': 'closed-won' },
    reverse: { qualification: 'Qualification' },
  });

  it('given CRM stages, then they read as canonical stages and write back through reverse', () => {
    expect(stages.toCanonical('Needs Analysis', NO_RECORD)).toBe('qualification');
    expect(stages.toCrm('qualification')).toBe('Qualification');
    expect(stages.toCrm('closed-won')).toBe('Closed Won');
  });

  it('given a value outside the map, then it fails listing the allowed values', () => {
    expect(() => stages.toCanonical('Dormant', NO_RECORD)).toThrow(/Needs Analysis \| Qualification \| Closed Won/);
    expect(() => stages.toCrm('proposal')).toThrow(/qualification \| closed-won/);
  });
});
