import { SoqlError } from './soql-error.js';

/**
 * Tokens of SOQL (https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select.htm).
 * Keywords are identifiers the parser compares case-insensitively; a string token keeps its raw text between the
 * quotes, because what a backslash means depends on where the string is used (LIKE patterns keep `\%` and `\_`).
 */
export type TokenKind =
  | 'identifier'
  | 'string'
  | 'number'
  | 'date'
  | 'datetime'
  | 'comma'
  | 'dot'
  | 'colon'
  | 'lparen'
  | 'rparen'
  | 'operator'
  | 'eof';

export interface Token {
  kind: TokenKind;
  /** Identifier or operator text, raw string contents, or the literal's source text. */
  text: string;
  /** Offset of the token's first character in the query. */
  offset: number;
}

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})/;
const DATE = /^\d{4}-\d{2}-\d{2}(?![\dT])/;
const NUMBER = /^[-+]?(\d+(\.\d+)?|\.\d+)(?![\w.])/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*/;

export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let offset = 0;
  while (offset < query.length) {
    const char = query.charAt(offset);
    if (/\s/.test(char)) {
      offset += 1;
      continue;
    }
    const rest = query.slice(offset);
    const single = SINGLE_CHARACTER[char];
    if (single) {
      tokens.push({ kind: single, text: char, offset });
      offset += 1;
      continue;
    }
    const operator = /^(!=|<>|<=|>=|=|<|>)/.exec(rest);
    if (operator) {
      tokens.push({ kind: 'operator', text: operator[0], offset });
      offset += operator[0].length;
      continue;
    }
    if (char === "'") {
      const end = closingQuote(query, offset);
      tokens.push({ kind: 'string', text: query.slice(offset + 1, end), offset });
      offset = end + 1;
      continue;
    }
    const literal =
      matchKind(DATETIME, rest, 'datetime') ?? matchKind(DATE, rest, 'date') ?? matchKind(NUMBER, rest, 'number') ?? matchKind(IDENTIFIER, rest, 'identifier');
    if (literal) {
      tokens.push({ kind: literal.kind, text: literal.text, offset });
      offset += literal.text.length;
      continue;
    }
    throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${char}'`, offset);
  }
  tokens.push({ kind: 'eof', text: '<EOF>', offset: query.length });
  return tokens;
}

const SINGLE_CHARACTER: Partial<Record<string, TokenKind>> = {
  ',': 'comma',
  '.': 'dot',
  ':': 'colon',
  '(': 'lparen',
  ')': 'rparen',
};

function matchKind(pattern: RegExp, text: string, kind: TokenKind): { kind: TokenKind; text: string } | undefined {
  const match = pattern.exec(text);
  return match ? { kind, text: match[0] } : undefined;
}

/** Offset of the quote closing the string opened at `start`; a backslash escapes the character after it. */
function closingQuote(query: string, start: number): number {
  for (let i = start + 1; i < query.length; i += 1) {
    const char = query.charAt(i);
    if (char === '\\') i += 1;
    else if (char === "'") return i;
  }
  throw new SoqlError('MALFORMED_QUERY', `line 1:${start} mismatched character '<EOF>' expecting '''`, start);
}
