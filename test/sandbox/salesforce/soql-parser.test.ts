import { describe, expect, it } from 'vitest';
import type { Condition, LikePart, Literal } from '../../../src/sandbox/salesforce/soql/soql-ast.js';
import { SoqlError } from '../../../src/sandbox/salesforce/soql/soql-error.js';
import { tokenize } from '../../../src/sandbox/salesforce/soql/soql-lexer.js';
import { parseSoql } from '../../../src/sandbox/salesforce/soql/soql-parser.js';
import { likeMatches } from '../../../src/sandbox/salesforce/soql/soql-strings.js';

/** The WHERE of `SELECT Id FROM Account WHERE <where>`. */
function where(text: string): Condition {
  const condition = parseSoql(`SELECT Id FROM Account WHERE ${text}`).where;
  if (!condition) throw new Error('no WHERE parsed');
  return condition;
}

function literalOf(text: string): Literal {
  const condition = where(`Name = ${text}`);
  if (condition.kind !== 'compare') throw new Error(`expected a comparison, got ${condition.kind}`);
  return condition.value;
}

function likeOf(pattern: string): LikePart[] {
  const condition = where(`Name LIKE ${pattern}`);
  if (condition.kind !== 'like') throw new Error(`expected LIKE, got ${condition.kind}`);
  return condition.pattern;
}

function malformed(query: string): SoqlError {
  try {
    parseSoql(query);
  } catch (error) {
    if (error instanceof SoqlError) return error;
    throw error;
  }
  throw new Error(`expected ${query} to be refused`);
}

describe('SOQL lexer', () => {
  it('given a query with every token kind, when tokenized, then each token has its kind and offset', () => {
    const tokens = tokenize("SELECT a.B, COUNT() FROM X WHERE d >= 2024-01-31T10:00:00.5+05:30 AND e != -1.5 AND f IN ('x') AND g = LAST_N_DAYS:3");
    expect(tokens.map((token) => token.kind)).toEqual([
      'identifier', 'identifier', 'dot', 'identifier', 'comma', 'identifier', 'lparen', 'rparen', 'identifier', 'identifier', 'identifier',
      'identifier', 'operator', 'datetime', 'identifier', 'identifier', 'operator', 'number', 'identifier', 'identifier', 'identifier',
      'lparen', 'string', 'rparen', 'identifier', 'identifier', 'operator', 'identifier', 'colon', 'number', 'eof',
    ]);
    expect(tokens[1]).toMatchObject({ text: 'a', offset: 7 });
  });

  it.each([
    ['2024-01-31', 'date'],
    ['2024-01-31T10:00:00Z', 'datetime'],
    ['2024-01-31T10:00:00.123Z', 'datetime'],
    ['2024-01-31T10:00:00-08:00', 'datetime'],
    ['42', 'number'],
    ['-0.5', 'number'],
  ])('given the literal %s, when tokenized, then it is a %s token', (text, kind) => {
    expect(tokenize(text)[0]).toMatchObject({ kind, text });
  });

  it('given an unterminated string, when tokenized, then it is MALFORMED_QUERY at the opening quote', () => {
    expect(() => tokenize("SELECT Id FROM Account WHERE Name = 'abc")).toThrow(SoqlError);
  });
});

describe('SOQL parser', () => {
  it('given field lists with parent fields, aliases and COUNT(), when parsed, then the SELECT items are in order', () => {
    const ast = parseSoql('select Id, name, Account.Owner.Email, a.Name, COUNT(Id) total FROM Opportunity a');
    expect(ast.from).toMatchObject({ name: 'Opportunity', alias: 'a' });
    expect(ast.select.map((item) => (item.kind === 'field' ? item.path.segments.join('.') : item.kind))).toEqual([
      'Id', 'name', 'Account.Owner.Email', 'a.Name', 'count',
    ]);
    expect(ast.select[4]).toMatchObject({ kind: 'count', alias: 'total', field: { segments: ['Id'] } });
    expect(parseSoql('SELECT COUNT() FROM Account').select).toEqual([{ kind: 'count', field: undefined, alias: undefined, offset: 7 }]);
  });

  it('given FIELDS(), a subquery and a semi-join, when parsed, then each has its own node', () => {
    const ast = parseSoql("SELECT FIELDS(STANDARD), (SELECT Name FROM Opportunities WHERE Amount > 0 ORDER BY Name LIMIT 5) FROM Account WHERE Id IN (SELECT AccountId FROM Opportunity WHERE StageName = 'Closed Won')");
    expect(ast.select[0]).toMatchObject({ kind: 'fields', which: 'STANDARD' });
    expect(ast.select[1]).toMatchObject({ kind: 'subquery', query: { from: { name: 'Opportunities' }, limit: 5 } });
    expect(ast.where).toMatchObject({ kind: 'inQuery', negated: false, query: { from: { name: 'Opportunity' } } });
  });

  it('given ORDER BY with directions and NULLS, LIMIT and OFFSET, when parsed, then defaults are ASC NULLS FIRST and DESC NULLS LAST', () => {
    const ast = parseSoql('SELECT Id FROM Account ORDER BY Name, CreatedDate DESC, Industry ASC NULLS LAST, Type DESC NULLS FIRST LIMIT 10 OFFSET 20');
    expect(ast.orderBy.map((item) => [item.field.segments[0], item.descending, item.nullsLast])).toEqual([
      ['Name', false, false],
      ['CreatedDate', true, true],
      ['Industry', false, true],
      ['Type', true, false],
    ]);
    expect(ast).toMatchObject({ limit: 10, offset: 20 });
  });

  it('given AND, OR, NOT and parentheses, when parsed, then the tree follows the parentheses', () => {
    expect(where("(Name = 'a' OR Name = 'b') AND NOT Type = 'c'")).toMatchObject({
      kind: 'and',
      operands: [
        { kind: 'or', operands: [{ kind: 'compare', value: { value: 'a' } }, { kind: 'compare', value: { value: 'b' } }] },
        { kind: 'not', operand: { kind: 'compare', operator: '=', value: { value: 'c' } } },
      ],
    });
    expect(where("NOT (Name LIKE 'a%' OR Name LIKE 'b%')")).toMatchObject({ kind: 'not', operand: { kind: 'or' } });
  });

  it.each([
    ['=', '='], ['!=', '!='], ['<>', '!='], ['<', '<'], ['>', '>'], ['<=', '<='], ['>=', '>='],
  ])('given the operator %s, when parsed, then the comparison is %s', (text, operator) => {
    expect(where(`NumberOfEmployees ${text} 5`)).toMatchObject({ kind: 'compare', operator });
  });

  it('given IN, NOT IN, INCLUDES and EXCLUDES, when parsed, then their values are lists', () => {
    expect(where("Type IN ('a', 'b')")).toMatchObject({ kind: 'in', negated: false, values: [{ value: 'a' }, { value: 'b' }] });
    expect(where('NumberOfEmployees NOT IN (1, 2)')).toMatchObject({ kind: 'in', negated: true, values: [{ value: 1 }, { value: 2 }] });
    expect(where("Certifications__c INCLUDES ('AWS;GCP', 'Azure')")).toMatchObject({ kind: 'includes', negated: false, values: [['AWS', 'GCP'], ['Azure']] });
    expect(where("Certifications__c EXCLUDES ('AWS')")).toMatchObject({ kind: 'includes', negated: true });
  });

  it.each<[string, Partial<Literal>]>([
    ['null', { kind: 'null' }],
    ['NULL', { kind: 'null' }],
    ['true', { kind: 'boolean', value: true }],
    ['FALSE', { kind: 'boolean', value: false }],
    ['12', { kind: 'number', value: 12 }],
    ['-3.25', { kind: 'number', value: -3.25 }],
    ['2024-01-31', { kind: 'date', value: '2024-01-31' }],
    ['2024-01-31T10:00:00Z', { kind: 'datetime', value: Date.UTC(2024, 0, 31, 10) }],
    ['2024-01-31T10:00:00.250Z', { kind: 'datetime', value: Date.UTC(2024, 0, 31, 10, 0, 0, 250) }],
    ['2024-01-31T10:00:00+05:30', { kind: 'datetime', value: Date.UTC(2024, 0, 31, 4, 30) }],
    ['2024-01-31T10:00:00-08:00', { kind: 'datetime', value: Date.UTC(2024, 0, 31, 18) }],
    ['TODAY', { kind: 'dateLiteral', name: 'TODAY', n: undefined }],
    ['yesterday', { kind: 'dateLiteral', name: 'YESTERDAY' }],
    ['LAST_N_DAYS:30', { kind: 'dateLiteral', name: 'LAST_N_DAYS', n: 30 }],
    ['N_DAYS_AGO:2', { kind: 'dateLiteral', name: 'N_DAYS_AGO', n: 2 }],
    ['THIS_QUARTER', { kind: 'dateLiteral', name: 'THIS_QUARTER' }],
    ['LAST_N_FISCAL_YEARS:2', { kind: 'dateLiteral', name: 'LAST_N_FISCAL_YEARS', n: 2 }],
  ])('given the literal %s, when parsed, then it is %o', (text, expected) => {
    expect(literalOf(text)).toMatchObject(expected);
  });

  it.each([
    ["'plain'", 'plain'],
    ["'O\\'Brien'", "O'Brien"],
    ["'back\\\\slash'", 'back\\slash'],
    ["'line\\nbreak'", 'line\nbreak'],
    ["'line\\Nbreak'", 'line\nbreak'],
    ["'carriage\\rreturn'", 'carriage\rreturn'],
    ["'tab\\tstop'", 'tab\tstop'],
    ["'form\\ffeed'", 'form\ffeed'],
    ["'bell\\b'", 'bell\b'],
    ["'say \\\"hi\\\"'", 'say "hi"'],
    ["'caf\\u00e9'", 'café'],
    ["'100%'", '100%'],
    ["'snake_case'", 'snake_case'],
  ])('given the quoted string %s outside LIKE, when parsed, then its value is the unescaped text', (text, value) => {
    expect(literalOf(text)).toMatchObject({ kind: 'string', value });
  });

  it.each(["'50\\%'", "'a\\_b'", "'bad\\q'", "'trailing\\'"])('given %s outside LIKE, when parsed, then the escape is MALFORMED_QUERY', (text) => {
    expect(() => literalOf(text)).toThrow(SoqlError);
  });

  it.each<[string, LikePart[]]>([
    ["'Ter%'", [{ kind: 'text', text: 'Ter' }, { kind: 'any' }]],
    ["'Ter\\%'", [{ kind: 'text', text: 'Ter%' }]],
    ["'Ter\\%%'", [{ kind: 'text', text: 'Ter%' }, { kind: 'any' }]],
    ["'a_c'", [{ kind: 'text', text: 'a' }, { kind: 'one' }, { kind: 'text', text: 'c' }]],
    ["'a\\_c'", [{ kind: 'text', text: 'a_c' }]],
    ["'%O\\'Brien%'", [{ kind: 'any' }, { kind: 'text', text: "O'Brien" }, { kind: 'any' }]],
    ["'back\\\\%'", [{ kind: 'text', text: 'back\\' }, { kind: 'any' }]],
  ])('given the LIKE pattern %s, when parsed, then its parts are %o', (pattern, parts) => {
    expect(likeOf(pattern)).toEqual(parts);
  });

  it.each([
    ["'Ter%'", 'Terminal', true],
    ["'Ter%'", 'terminal', true],
    ["'Ter%'", 'Ter', true],
    ["'Ter%'", 'Te', false],
    ["'Ter\\%'", 'Ter%', true],
    ["'Ter\\%'", 'Terminal', false],
    ["'a_c'", 'abc', true],
    ["'a_c'", 'ac', false],
    ["'a\\_c'", 'abc', false],
    ["'a\\_c'", 'a_c', true],
    ["'%corp%'", 'Acme Corporation', true],
    ["'%corp'", 'Acme Corporation', false],
    ["'%'", '', true],
  ])('given the pattern %s, when matched against %s, then it matches: %s', (pattern, value, matches) => {
    expect(likeMatches(likeOf(pattern), value)).toBe(matches);
  });

  it.each([
    ['a keyword is missing', 'SELECT Id Account', 10],
    ['FROM is missing its object', 'SELECT Id FROM', 14],
    ['AND and OR are mixed without parentheses', "SELECT Id FROM Account WHERE Name = 'a' AND Name = 'b' OR Name = 'c'", 55],
    ['a comparison has no value', 'SELECT Id FROM Account WHERE Name =', 35],
    ['an operator is unknown', "SELECT Id FROM Account WHERE Name ~ 'a'", 34],
    ['a parenthesis is not closed', "SELECT Id FROM Account WHERE (Name = 'a'", 40],
    ['a date is not a date', 'SELECT Id FROM Account WHERE CloseDate = 2024-02-30', 41],
    ['a date literal lacks its number', 'SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAYS', 54],
    ['LIMIT is not a whole number', 'SELECT Id FROM Account LIMIT 2.5', 29],
    ['there is text after the query', 'SELECT Id FROM Account LIMIT 5 5', 31],
    ['a word is not a literal', 'SELECT Id FROM Account WHERE Name = banana', 36],
    ['GROUP BY is used', 'SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry', 40],
    ['an unknown function is called', 'SELECT MAX(Amount) FROM Opportunity', 7],
  ])('given a query where %s, when parsed, then it is MALFORMED_QUERY pointing at the offending token', (_case, query, offset) => {
    const error = malformed(query);
    expect(error.code).toBe('MALFORMED_QUERY');
    expect(error.offset).toBe(offset);
  });

  it('given a malformed query, when turned into the API error, then the message shows the line, a caret and the row and column', () => {
    const query = "SELECT Id FROM Account WHERE Name = 'a' AND Name = 'b' OR Name = 'c'";
    const body = malformed(query).toApiError(query).toBody();
    expect(body).toEqual([
      {
        errorCode: 'MALFORMED_QUERY',
        message: `\n${query}\n${' '.repeat(55)}^\nERROR at Row:1:Column:56\nunexpected token: 'OR'`,
      },
    ]);
  });
});
