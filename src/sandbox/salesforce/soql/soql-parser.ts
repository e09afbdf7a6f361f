import { parseDate, parseDateTime } from '../salesforce-dates.js';
import type { ComparisonOperator, Condition, FieldPath, Literal, OrderItem, SelectItem, SoqlQuery } from './soql-ast.js';
import { isDateLiteralName, takesNumber } from './soql-date-literals.js';
import { SoqlError } from './soql-error.js';
import { tokenize, type Token, type TokenKind } from './soql-lexer.js';
import { decodeLikePattern, decodeString } from './soql-strings.js';

/** Words that end a FROM clause, so they are never read as an alias. */
const CLAUSE_WORDS = new Set(['where', 'with', 'group', 'order', 'limit', 'offset', 'for', 'update', 'using', 'having']);

/** Parses one SOQL query into its AST; anything it cannot read is a MALFORMED_QUERY pointing at the token. */
export function parseSoql(query: string): SoqlQuery {
  const parser = new Parser(tokenize(query));
  const ast = parser.query();
  parser.expect('eof');
  return ast;
}

const OPERATORS: Record<string, ComparisonOperator> = { '=': '=', '!=': '!=', '<>': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

function comparisonOperator(text: string): ComparisonOperator {
  const operator = OPERATORS[text];
  if (operator === undefined) throw new Error(`the lexer produced an unknown operator ${text}`);
  return operator;
}

class Parser {
  private position = 0;
  private readonly tokens: Token[];

  constructor(tokens: Token[]) {
    this.tokens = tokens;
  }

  query(): SoqlQuery {
    this.keyword('SELECT');
    const select = this.selectList();
    this.keyword('FROM');
    const fromToken = this.expect('identifier');
    let alias: string | undefined;
    const next = this.peek();
    if (next.kind === 'identifier' && !CLAUSE_WORDS.has(next.text.toLowerCase())) alias = this.advance().text;
    if (this.acceptKeyword('USING')) {
      this.keyword('SCOPE');
      this.expect('identifier');
    }
    const where = this.acceptKeyword('WHERE') ? this.condition() : undefined;
    if (this.acceptKeyword('WITH')) this.expect('identifier');
    if (this.isKeyword('GROUP') || this.isKeyword('HAVING')) {
      throw this.error(`${this.peek().text} is not supported by the sandbox (aggregate queries other than COUNT() are not emulated)`);
    }
    let orderBy: OrderItem[] = [];
    if (this.acceptKeyword('ORDER')) {
      this.keyword('BY');
      orderBy = this.orderList();
    }
    const limit = this.acceptKeyword('LIMIT') ? this.integer() : undefined;
    let offset: number | undefined;
    let offsetAt: number | undefined;
    if (this.acceptKeyword('OFFSET')) {
      offsetAt = this.peek().offset;
      offset = this.integer();
    }
    if (this.acceptKeyword('FOR')) this.expectOneOf(['VIEW', 'REFERENCE', 'UPDATE']);
    if (this.acceptKeyword('UPDATE')) this.expectOneOf(['TRACKING', 'VIEWSTAT']);
    return { select, from: { name: fromToken.text, alias, offset: fromToken.offset }, where, orderBy, limit, offset, offsetAt };
  }

  private selectList(): SelectItem[] {
    const items = [this.selectItem()];
    while (this.accept('comma')) items.push(this.selectItem());
    return items;
  }

  private selectItem(): SelectItem {
    const token = this.peek();
    if (token.kind === 'lparen') {
      this.advance();
      const query = this.query();
      this.expect('rparen');
      return { kind: 'subquery', query, offset: token.offset };
    }
    const word = token.text.toUpperCase();
    if (token.kind === 'identifier' && this.peek(1).kind === 'lparen') {
      if (word === 'COUNT') {
        this.advance();
        this.expect('lparen');
        const field = this.peek().kind === 'rparen' ? undefined : this.fieldPath();
        this.expect('rparen');
        const aliasToken = this.peek();
        const alias = aliasToken.kind === 'identifier' && aliasToken.text.toUpperCase() !== 'FROM' ? this.advance().text : undefined;
        return { kind: 'count', field, alias, offset: token.offset };
      }
      if (word === 'FIELDS') {
        this.advance();
        this.expect('lparen');
        const which = this.expectOneOf(['ALL', 'STANDARD', 'CUSTOM']);
        this.expect('rparen');
        return { kind: 'fields', which, offset: token.offset };
      }
      throw this.error(`unexpected token: '${token.text}'`);
    }
    if (token.kind === 'identifier' && word === 'TYPEOF') throw this.error('TYPEOF is not supported by the sandbox');
    return { kind: 'field', path: this.fieldPath() };
  }

  private fieldPath(): FieldPath {
    const first = this.expect('identifier');
    const segments = [first.text];
    while (this.accept('dot')) segments.push(this.expect('identifier').text);
    return { segments, offset: first.offset };
  }

  /** A run of conditions joined by one kind of connective: SOQL refuses `a AND b OR c` without parentheses. */
  private condition(): Condition {
    const first = this.unary();
    const connective = this.isKeyword('AND') ? 'and' : this.isKeyword('OR') ? 'or' : undefined;
    if (connective === undefined) return first;
    const operands = [first];
    while (this.isKeyword('AND') || this.isKeyword('OR')) {
      if (this.peek().text.toLowerCase() !== connective) throw this.error(`unexpected token: '${this.peek().text}'`);
      this.advance();
      operands.push(this.unary());
    }
    return { kind: connective, operands };
  }

  private unary(): Condition {
    if (this.acceptKeyword('NOT')) return { kind: 'not', operand: this.unary() };
    if (this.accept('lparen')) {
      const inner = this.condition();
      this.expect('rparen');
      return inner;
    }
    return this.simple();
  }

  private simple(): Condition {
    const field = this.fieldPath();
    const token = this.peek();
    if (token.kind === 'operator') {
      this.advance();
      const operator = comparisonOperator(token.text);
      return { kind: 'compare', field, operator, value: this.literal() };
    }
    const negated = this.acceptKeyword('NOT');
    if (this.acceptKeyword('IN')) {
      this.expect('lparen');
      if (this.isKeyword('SELECT')) {
        const at = this.peek().offset;
        const query = this.query();
        this.expect('rparen');
        return { kind: 'inQuery', field, negated, query, offset: at };
      }
      const values = [this.literal()];
      while (this.accept('comma')) values.push(this.literal());
      this.expect('rparen');
      return { kind: 'in', field, negated, values };
    }
    if (negated) throw this.error(`unexpected token: '${this.peek().text}'`);
    if (this.acceptKeyword('LIKE')) {
      const pattern = this.expect('string');
      return { kind: 'like', field, pattern: decodeLikePattern(pattern.text, pattern.offset), offset: pattern.offset };
    }
    const includes = this.acceptKeyword('INCLUDES') ? true : this.acceptKeyword('EXCLUDES') ? false : undefined;
    if (includes !== undefined) {
      this.expect('lparen');
      const values = [this.picklistSet()];
      while (this.accept('comma')) values.push(this.picklistSet());
      this.expect('rparen');
      return { kind: 'includes', field, negated: !includes, values };
    }
    throw this.error(`unexpected token: '${token.text}'`);
  }

  private picklistSet(): string[] {
    const token = this.expect('string');
    return decodeString(token.text, token.offset).split(';').map((value) => value.trim()).filter((value) => value !== '');
  }

  private literal(): Literal {
    const token = this.advance();
    const offset = token.offset;
    switch (token.kind) {
      case 'string':
        return { kind: 'string', value: decodeString(token.text, offset), offset };
      case 'number':
        return { kind: 'number', value: Number(token.text), text: token.text, offset };
      case 'date': {
        const value = parseDate(token.text);
        if (value === undefined) throw new SoqlError('MALFORMED_QUERY', `line 1:${offset} no viable alternative at character '${token.text}'`, offset);
        return { kind: 'date', value, offset };
      }
      case 'datetime': {
        const value = parseDateTime(token.text);
        if (value === undefined) throw new SoqlError('MALFORMED_QUERY', `line 1:${offset} no viable alternative at character '${token.text}'`, offset);
        return { kind: 'datetime', value, offset };
      }
      case 'identifier':
        return this.wordLiteral(token);
      default:
        throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${token.text}'`, offset);
    }
  }

  private wordLiteral(token: Token): Literal {
    const word = token.text.toUpperCase();
    const offset = token.offset;
    if (word === 'NULL') return { kind: 'null', offset };
    if (word === 'TRUE' || word === 'FALSE') return { kind: 'boolean', value: word === 'TRUE', offset };
    if (!isDateLiteralName(word)) throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${token.text}'`, offset);
    if (!takesNumber(word)) return { kind: 'dateLiteral', name: word, n: undefined, offset };
    if (!this.accept('colon')) throw this.error(`expecting a colon, found '${this.peek().text}'`);
    return { kind: 'dateLiteral', name: word, n: this.integer(), offset };
  }

  private orderList(): OrderItem[] {
    const items: OrderItem[] = [];
    do {
      const field = this.fieldPath();
      let descending = false;
      if (this.acceptKeyword('DESC')) descending = true;
      else this.acceptKeyword('ASC');
      let nullsLast = descending;
      if (this.acceptKeyword('NULLS')) nullsLast = this.expectOneOf(['FIRST', 'LAST']) === 'LAST';
      items.push({ field, descending, nullsLast });
    } while (this.accept('comma'));
    return items;
  }

  private integer(): number {
    const token = this.expect('number');
    if (!/^\d+$/.test(token.text)) throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${token.text}'`, token.offset);
    return Number(token.text);
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.position + ahead, this.tokens.length - 1)] ?? { kind: 'eof', text: '<EOF>', offset: 0 };
  }

  private advance(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.position += 1;
    return token;
  }

  private accept(kind: TokenKind): boolean {
    if (this.peek().kind !== kind) return false;
    this.advance();
    return true;
  }

  expect(kind: TokenKind): Token {
    const token = this.peek();
    if (token.kind !== kind) throw this.error(`unexpected token: '${token.text}'`);
    return this.advance();
  }

  private isKeyword(word: string): boolean {
    const token = this.peek();
    return token.kind === 'identifier' && token.text.toUpperCase() === word;
  }

  private acceptKeyword(word: string): boolean {
    if (!this.isKeyword(word)) return false;
    this.advance();
    return true;
  }

  private keyword(word: string): void {
    if (!this.acceptKeyword(word)) throw this.error(`unexpected token: '${this.peek().text}'`);
  }

  private expectOneOf<const T extends string>(words: readonly T[]): T {
    const token = this.peek();
    const found = words.find((word) => token.kind === 'identifier' && token.text.toUpperCase() === word);
    if (found === undefined) throw this.error(`unexpected token: '${token.text}'`);
    this.advance();
    return found;
  }

  private error(detail: string): SoqlError {
    return new SoqlError('MALFORMED_QUERY', detail, this.peek().offset);
  }
}
