import type { LikePart } from './soql-ast.js';
import { SoqlError } from './soql-error.js';

/**
 * SOQL quoted-string escapes
 * (https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_quotedstringescapes.htm):
 * `\n \N \r \R \t \T \b \B \f \F \" \' \\ \uXXXX` everywhere; `\%` and `\_` only in LIKE patterns, where they
 * stand for a literal percent sign and underscore. Any other backslash is an error.
 */
const SIMPLE_ESCAPES: Partial<Record<string, string>> = {
  n: '\n',
  N: '\n',
  r: '\r',
  R: '\r',
  t: '\t',
  T: '\t',
  b: '\b',
  B: '\b',
  f: '\f',
  F: '\f',
  '"': '"',
  "'": "'",
  '\\': '\\',
};

/** The value of a quoted string outside LIKE. `offset` is where the string token starts. */
export function decodeString(raw: string, offset: number): string {
  let text = '';
  walk(raw, offset, (piece) => {
    if (piece.kind === 'escapedWildcard') {
      throw new SoqlError('MALFORMED_QUERY', `Invalid string literal '${raw}'. Illegal character sequence '\\${piece.char}' in quoted string.`, offset);
    }
    text += piece.text;
  });
  return text;
}

/** A LIKE pattern: `%` and `_` are wildcards unless escaped. */
export function decodeLikePattern(raw: string, offset: number): LikePart[] {
  const parts: LikePart[] = [];
  let text = '';
  const flush = (): void => {
    if (text !== '') parts.push({ kind: 'text', text });
    text = '';
  };
  walk(raw, offset, (piece) => {
    if (piece.kind === 'escapedWildcard') text += piece.char;
    else if (piece.kind === 'plain' && piece.text === '%') {
      flush();
      parts.push({ kind: 'any' });
    } else if (piece.kind === 'plain' && piece.text === '_') {
      flush();
      parts.push({ kind: 'one' });
    } else text += piece.text;
  });
  flush();
  return parts;
}

type Piece = { kind: 'plain' | 'escaped'; text: string } | { kind: 'escapedWildcard'; char: '%' | '_' };

function walk(raw: string, offset: number, visit: (piece: Piece) => void): void {
  for (let i = 0; i < raw.length; i += 1) {
    const char = raw.charAt(i);
    if (char !== '\\') {
      visit({ kind: 'plain', text: char });
      continue;
    }
    const next = raw.charAt(i + 1);
    i += 1;
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      visit({ kind: 'escaped', text: simple });
    } else if (next === '%' || next === '_') {
      visit({ kind: 'escapedWildcard', char: next });
    } else if (next === 'u' && /^[0-9A-Fa-f]{4}$/.test(raw.slice(i + 1, i + 5))) {
      visit({ kind: 'escaped', text: String.fromCharCode(parseInt(raw.slice(i + 1, i + 5), 16)) });
      i += 4;
    } else {
      throw new SoqlError(
        'MALFORMED_QUERY',
        `Invalid string literal '${raw}'. Illegal character sequence '\\${next}' in quoted string.`,
        offset,
      );
    }
  }
}

/** Whether `value` matches a LIKE pattern; case-insensitive, as SOQL's LIKE is. */
export function likeMatches(pattern: readonly LikePart[], value: string): boolean {
  return matchFrom(pattern, 0, value.toLowerCase(), 0);
}

function matchFrom(pattern: readonly LikePart[], p: number, value: string, v: number): boolean {
  const part = pattern[p];
  if (part === undefined) return v === value.length;
  if (part.kind === 'text') {
    const text = part.text.toLowerCase();
    return value.startsWith(text, v) && matchFrom(pattern, p + 1, value, v + text.length);
  }
  if (part.kind === 'one') return v < value.length && matchFrom(pattern, p + 1, value, v + 1);
  if (p === pattern.length - 1) return true;
  for (let start = v; start <= value.length; start += 1) {
    if (matchFrom(pattern, p + 1, value, start)) return true;
  }
  return false;
}
