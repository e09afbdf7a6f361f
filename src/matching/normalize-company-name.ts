import { LEGAL_FORMS_BY_LENGTH } from './legal-suffixes.js';

/**
 * A company name reduced to what identifies the company: lower case, accents and punctuation removed,
 * `&` read as "and", a leading "The" and trailing legal forms (Inc, GmbH, S.A., Pty Ltd, …) dropped.
 * "The Acme Company, Inc." and "ACME CO" both become "acme"; "Société Générale S.A." becomes
 * "societe generale". An empty result (a name that was only a legal form) keeps the original words.
 */
export function normalizeCompanyName(name: string): string {
  const words = toWords(name);
  const start = words[0] === 'the' && words.length > 2 ? 1 : 0;
  let end = words.length;
  // Strip trailing legal forms repeatedly ("Acme Holdings Ltd" → "acme"), never the last identifying word.
  for (let stripped = true; stripped && end - start > 1; ) {
    stripped = false;
    const tail = words.slice(0, end).join(' ');
    for (const form of LEGAL_FORMS_BY_LENGTH) {
      const size = form.split(' ').length;
      const left = end - size - start;
      if (tail.endsWith(` ${form}`) && left > 0 && !(left === 1 && words[start] === 'the')) {
        end -= size;
        stripped = true;
        break;
      }
    }
  }
  const core = words.slice(start, end).join(' ');
  return core === '' ? words.join(' ') : core;
}

/** Lower-case words of a name: accents folded, `&` as "and", punctuation dropped, dotted initials joined. */
export function toWords(name: string): string[] {
  const folded = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/œ/g, 'oe')
    .replace(/&/g, ' and ')
    .replace(/\+/g, ' and ')
    // "S.A.", "s.a.r.l." → "sa", "sarl"; "A/S" → "as"
    .replace(/\b(\p{L})\.(?=\p{L}\b\.?)/gu, '$1')
    .replace(/\b(\p{L})\/(\p{L})\b/gu, '$1$2')
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return folded === '' ? [] : folded.split(' ');
}
