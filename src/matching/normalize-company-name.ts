import { LEGAL_FORMS_BY_LENGTH } from './legal-suffixes.js';

/** Legal forms as word lists, grouped by their last word, longest first within a group (same order as the list). */
const LEGAL_FORMS_BY_LAST_WORD = new Map<string, string[][]>();
for (const form of LEGAL_FORMS_BY_LENGTH) {
  const words = form.split(' ');
  const last = words[words.length - 1] ?? '';
  const group = LEGAL_FORMS_BY_LAST_WORD.get(last) ?? [];
  group.push(words);
  LEGAL_FORMS_BY_LAST_WORD.set(last, group);
}

/**
 * A company name reduced to what identifies the company: lower case, accents and punctuation removed,
 * `&` read as "and", a leading "The" and trailing legal forms (Inc, GmbH, S.A., Pty Ltd, …) dropped.
 * "The Acme Company, Inc." and "ACME CO" both become "acme"; "Société Générale S.A." becomes
 * "societe generale". An empty result (a name that was only a legal form) keeps the original words.
 */
export function normalizeCompanyName(name: string): string {
  return splitCompanyName(name).name;
}

/** The normalised name and the legal forms dropped from its end, last first ("Acme Holdings Ltd" → ["ltd", "holdings"]). */
export function splitCompanyName(name: string): { name: string; legalForms: string[] } {
  const { words, legalForms } = companyNameWords(name);
  return { name: words.join(' '), legalForms };
}

/** As splitCompanyName, with the name as its words. */
export function companyNameWords(name: string): { words: string[]; legalForms: string[] } {
  const words = toWords(name);
  const start = words[0] === 'the' && words.length > 1 ? 1 : 0;
  let end = words.length;
  const legalForms: string[] = [];
  // Strip trailing legal forms repeatedly ("Acme Holdings Ltd" → "acme"), never the last identifying word.
  for (let stripped = true; stripped && end - start > 1; ) {
    stripped = false;
    for (const form of LEGAL_FORMS_BY_LAST_WORD.get(words[end - 1] ?? '') ?? []) {
      const left = end - form.length - start;
      if (left > 0 && endsWithWords(words, end, form)) {
        end -= form.length;
        legalForms.push(form.join(' '));
        stripped = true;
        break;
      }
    }
  }
  // "The Limited" names a company by the article; only a legal form after it would be no name at all.
  if (start === 1 && end - start === 1 && LEGAL_FORMS_BY_LAST_WORD.has(words[1] ?? '')) return { words, legalForms: [] };
  return { words: start === 0 && end === words.length ? words : words.slice(start, end), legalForms };
}

function endsWithWords(words: readonly string[], end: number, form: readonly string[]): boolean {
  const from = end - form.length;
  return form.every((word, i) => words[from + i] === word);
}

const PLAIN_ASCII = /^[a-z0-9 ]*$/;

/** Lower-case words of a name: accents folded, `&` as "and", punctuation dropped, dotted initials joined. */
export function toWords(name: string): string[] {
  const lower = name.toLowerCase();
  // Most names are plain letters and spaces; they need none of the folding below.
  const folded = PLAIN_ASCII.test(lower) ? lower.trim() : fold(lower);
  return folded === '' ? [] : folded.split(/ +/);
}

/** Nothing beyond ASCII: no accents to fold. */
const ASCII = /^[ -~\t]*$/;

/** Letters Unicode does not decompose: Polish ł, Turkish dotless ı, South Slavic đ, Icelandic þ and ð, and ligatures. */
const UNDECOMPOSED: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', ł: 'l', ı: 'i', đ: 'd', þ: 'th', ð: 'd' };

function fold(lower: string): string {
  // Accents and special letters only when there are any: most names are ASCII with some punctuation, and for
  // them the same steps run with plain-ASCII patterns, which are several times faster than Unicode ones.
  if (ASCII.test(lower)) {
    return lower
      .replace(/[&+]/g, ' and ')
      .replace(/\b([a-z])\.(?=[a-z]\b\.?)/g, '$1')
      .replace(/\b([a-z])\/([a-z])\b/g, '$1$2')
      .replace(/['`]/g, '')
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  }
  const letters = lower.normalize('NFKD').replace(/\p{M}+/gu, '').replace(/[ßæøœłıđþð]/g, (letter) => UNDECOMPOSED[letter] ?? letter);
  return letters
    .replace(/[&+]/g, ' and ')
    // "S.A.", "s.a.r.l." → "sa", "sarl"; "A/S" → "as"
    .replace(/\b(\p{L})\.(?=\p{L}\b\.?)/gu, '$1')
    .replace(/\b(\p{L})\/(\p{L})\b/gu, '$1$2')
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
