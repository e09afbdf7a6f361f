import { describe, expect, it } from 'vitest';
import { IdGenerator, checksumSuffix, customKeyPrefix, keyPrefixOf, normalizeId } from '../../../src/sandbox/salesforce/salesforce-ids.js';

/** 15 → 18 character ids as they appear in Salesforce's documentation and help articles. */
const DOCUMENTED_IDS: [string, string, string][] = [
  ['003RO0000035WQg', '003RO0000035WQgYAM', 'REST API "Query More Results" example (Contact)'],
  ['001RM000003oLnn', '001RM000003oLnnYAE', 'REST API sObject Collections examples (Account)'],
  ['001xx000003DGb2', '001xx000003DGb2AAG', 'REST API sObject Collections delete example'],
  ['003xx000004TmiQ', '003xx000004TmiQAAS', 'REST API sObject Collections delete example'],
  ['00190000001pPvH', '00190000001pPvHAAU', 'REST API upsert example (Account)'],
  ['005D0000001QX8W', '005D0000001QX8WIAW', 'REST API Limit Info header example (OwnerId)'],
  ['a00D0000008pQSN', 'a00D0000008pQSNIA2', 'REST API Limit Info header example (Merchandise__c)'],
  ['a00D0000008pQRA', 'a00D0000008pQRAIA2', 'REST API getDeleted example (Merchandise__c)'],
  ['a0D30000001n7Pi', 'a0D30000001n7PiEAI', 'worked example of the CASESAFEID algorithm'],
  ['0019000000B98de', '0019000000B98deAAB', 'worked example of the CASESAFEID algorithm'],
];

describe('Salesforce ids', () => {
  it.each(DOCUMENTED_IDS)('given the 15-character id %s, when it is made case-safe, then it is %s (%s)', (id15, id18) => {
    expect(id15 + checksumSuffix(id15)).toBe(id18);
    expect(normalizeId(id15)).toBe(id18);
    expect(normalizeId(id18)).toBe(id18);
  });

  it.each(DOCUMENTED_IDS)('given the 18-character id %s in any case, when normalized, then the suffix restores the case', (_id15, id18) => {
    expect(normalizeId(id18.toLowerCase())).toBe(id18);
    expect(normalizeId(id18.toUpperCase())).toBe(id18);
  });

  it.each([
    ['too short', '001RM000003oLn'],
    ['16 characters', '001RM000003oLnnY'],
    ['17 characters', '001RM000003oLnnYA'],
    ['punctuation', '001RM000003oL-n'],
    ['a suffix character outside A-Z0-5', '001RM000003oLnnYA9'],
    ['a suffix that marks a digit as upper case', '00000000000000055A'],
    ['empty', ''],
  ])('given an id that is %s, when normalized, then it is refused', (_case, value) => {
    expect(normalizeId(value)).toBeUndefined();
  });

  it('given a generator, when it hands out ids, then they carry the key prefix, a valid suffix, and sort by creation', () => {
    const ids = new IdGenerator(42);
    const generated = Array.from({ length: 70 }, () => ids.next('001'));
    for (const id of generated) {
      expect(id).toMatch(/^001[0-9A-Za-z]{12}[A-Z0-5]{3}$/);
      expect(keyPrefixOf(id)).toBe('001');
      expect(normalizeId(id)).toBe(id);
    }
    expect([...generated].sort()).toEqual(generated);
    expect(new Set(generated).size).toBe(70);
    expect(new IdGenerator(43).next('001')).not.toBe(new IdGenerator(42).next('001'));
  });

  it('given custom objects, when prefixes are assigned in order, then they are a00, a01, … a0z, a10', () => {
    expect([0, 1, 9, 10, 61, 62].map(customKeyPrefix)).toEqual(['a00', 'a01', 'a09', 'a0A', 'a0z', 'a10']);
  });
});
