import { boundedEditDistance, boundedEditDistanceOf } from './bounded-edit-distance.js';

/** The parts of a prepared account a name comparison reads. */
export interface ComparableName {
  readonly name: string;
  readonly compact: string;
}

/** People rarely mistype a name's first letter; a different one is more likely another name. */
const OTHER_FIRST_LETTER = 0.05;

/** Same words in another order ("harbor blue logistics"): nearly as good as the same name. */
export const REORDERED_NAME_SIMILARITY = 0.97;

/**
 * How alike two normalised names are, 0..1: 1 when equal (ignoring spaces), 0.97 for the same words in another
 * order, otherwise 1 − edits ÷ length of the longer name, less 0.05 when the first letters differ. Edits inside
 * a short word ("abc" ≠ "abd") or a number ("studio 54" ≠ "studio 45") name another company, so they give 0.
 * Below `floor` the exact value is not needed and 0 is returned, which lets the comparison stop early.
 */
export function nameSimilarity(a: ComparableName, b: ComparableName, floor = 0): number {
  if (a.compact === b.compact) return a.compact === '' ? 0 : 1;
  if (isReordered(a, b)) return REORDERED_NAME_SIMILARITY;
  const longest = Math.max(a.compact.length, b.compact.length);
  const maxEdits = Math.floor((1 - floor) * longest + 1e-9);
  const edits = boundedEditDistance(a.compact, b.compact, maxEdits);
  if (edits > maxEdits) return 0;
  if (differsInShortWordOrNumber(a.name, b.name)) return 0;
  const similarity = 1 - edits / longest - (a.compact.charAt(0) === b.compact.charAt(0) ? 0 : OTHER_FIRST_LETTER);
  return similarity < floor ? 0 : similarity;
}

/**
 * Whether two names without spaces, as runs of code units (see NameArena), could reach `floor` in
 * nameSimilarity: a test on the letters alone, for turning candidates away before their accounts are read.
 * Never false for a pair nameSimilarity accepts.
 */
export function mayBeSimilar(a: Uint16Array, aStart: number, aLength: number, b: Uint16Array, bStart: number, bLength: number, floor: number): boolean {
  const longest = Math.max(aLength, bLength);
  const maxEdits = Math.floor((1 - floor) * longest + 1e-9);
  if (boundedEditDistanceOf(a, aStart, aLength, b, bStart, bLength, maxEdits) <= maxEdits) return true;
  // Same words in another order have the same letters.
  if (aLength !== bLength) return false;
  let difference = 0;
  for (let i = 0; i < aLength; i++) difference += (a[aStart + i] ?? 0) - (b[bStart + i] ?? 0);
  return difference === 0;
}

function isReordered(a: ComparableName, b: ComparableName): boolean {
  if (a.compact.length !== b.compact.length || !a.name.includes(' ') || !b.name.includes(' ')) return false;
  // Same words means the same letters: a cheap test that turns nearly every other pair away before sorting.
  return letterSum(a.compact) === letterSum(b.compact) && sortedWords(a.name) === sortedWords(b.name);
}

function letterSum(text: string): number {
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum += text.charCodeAt(i);
  return sum;
}

function sortedWords(name: string): string {
  return name.includes(' ') ? name.split(' ').sort().join(' ') : name;
}

const SHORT_WORD = 3;

/** With the same number of words, a differing word of ≤ 3 letters or with digits makes them different names. */
function differsInShortWordOrNumber(a: string, b: string): boolean {
  const aWords = a.split(' ');
  const bWords = b.split(' ');
  if (aWords.length !== bWords.length) return false;
  return aWords.some((word, i) => {
    const other = bWords[i] ?? '';
    if (word === other) return false;
    return Math.max(word.length, other.length) <= SHORT_WORD || /\d/.test(word) || /\d/.test(other);
  });
}
