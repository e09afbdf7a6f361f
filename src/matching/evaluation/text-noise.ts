import type { SeededRandom } from './seeded-random.js';

/** Letters Unicode decomposition leaves alone, as exports write them in ASCII. */
const UNDECOMPOSED: Readonly<Record<string, string>> = { ł: 'l', Ł: 'L', ø: 'o', Ø: 'O', æ: 'ae', Æ: 'AE', ß: 'ss', ı: 'i', đ: 'd' };
/** German-style transliteration an export may use instead of dropping the accent. */
const TRANSLITERATED: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', å: 'aa', Å: 'Aa' };

/** "Müller Çelik Łódź" → "Muller Celik Lodz". */
export function asciiFold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[łŁøØæÆßıđ]/g, (letter) => UNDECOMPOSED[letter] ?? letter);
}

/** "Müller" → "Mueller", "Åberg" → "Aaberg"; other accents dropped. */
export function transliterate(text: string): string {
  return asciiFold(text.replace(/[äöüÄÖÜåÅ]/g, (letter) => TRANSLITERATED[letter] ?? letter));
}

export function hasNonAscii(text: string): boolean {
  return /[^\x20-\x7e]/.test(text);
}

const KEYBOARD_NEIGHBOURS: Readonly<Record<string, string>> = {
  a: 'qsz', b: 'vgn', c: 'xdv', d: 'sfe', e: 'wrd', f: 'dgr', g: 'fht', h: 'gjy', i: 'uok', j: 'hku', k: 'jli',
  l: 'kop', m: 'nj', n: 'bmh', o: 'ipl', p: 'ol', q: 'wa', r: 'etf', s: 'adw', t: 'ryg', u: 'yij', v: 'cbf',
  w: 'qes', x: 'zcs', y: 'tuh', z: 'xa',
};

/** One typing slip in a word of five letters or more, never in its first letter: a swap, a drop, a double or a wrong key. */
export function withTypo(words: readonly string[], random: SeededRandom): string[] {
  const long = words.map((word, i) => [word, i] as const).filter(([word]) => /^\p{L}{5,}$/u.test(word));
  if (long.length === 0) return [...words];
  const [word, at] = random.pick(long);
  const i = 1 + random.int(word.length - 2);
  const letter = word.charAt(i);
  let changed: string;
  switch (random.pick(['swap', 'drop', 'double', 'wrong key'] as const)) {
    case 'swap': changed = word.slice(0, i) + word.charAt(i + 1) + letter + word.slice(i + 2); break;
    case 'drop': changed = word.slice(0, i) + word.slice(i + 1); break;
    case 'double': changed = word.slice(0, i) + letter + word.slice(i); break;
    case 'wrong key': {
      const neighbours = KEYBOARD_NEIGHBOURS[letter.toLowerCase()] ?? 'e';
      changed = word.slice(0, i) + neighbours.charAt(random.int(neighbours.length)) + word.slice(i + 1);
      break;
    }
  }
  return words.map((w, k) => (k === at ? changed : w));
}
