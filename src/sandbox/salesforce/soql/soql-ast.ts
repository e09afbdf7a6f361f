/** The parsed form of a SOQL query, before names are checked against the schema. */

export interface FieldPath {
  /** `Account.Owner.Email` → ['Account', 'Owner', 'Email'], as written. */
  segments: string[];
  offset: number;
}

export type SelectItem =
  | { kind: 'field'; path: FieldPath }
  | { kind: 'count'; field: FieldPath | undefined; alias: string | undefined; offset: number }
  | { kind: 'fields'; which: 'ALL' | 'STANDARD' | 'CUSTOM'; offset: number }
  | { kind: 'subquery'; query: SoqlQuery; offset: number };

/** One piece of a LIKE pattern: literal text, `%` (any run) or `_` (one character). */
export type LikePart = { kind: 'text'; text: string } | { kind: 'any' } | { kind: 'one' };

export type Literal =
  | { kind: 'string'; value: string; offset: number }
  | { kind: 'number'; value: number; text: string; offset: number }
  | { kind: 'boolean'; value: boolean; offset: number }
  | { kind: 'null'; offset: number }
  | { kind: 'date'; value: string; offset: number }
  /** Epoch milliseconds. */
  | { kind: 'datetime'; value: number; offset: number }
  /** TODAY, LAST_N_DAYS:30, …: resolved to a range when the query runs. */
  | { kind: 'dateLiteral'; name: string; n: number | undefined; offset: number };

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Condition =
  | { kind: 'and' | 'or'; operands: Condition[] }
  | { kind: 'not'; operand: Condition }
  | { kind: 'compare'; field: FieldPath; operator: ComparisonOperator; value: Literal }
  | { kind: 'in'; field: FieldPath; negated: boolean; values: Literal[] }
  /** `Id IN (SELECT AccountId FROM Opportunity …)`: a semi-join (or anti-join when negated). */
  | { kind: 'inQuery'; field: FieldPath; negated: boolean; query: SoqlQuery; offset: number }
  | { kind: 'like'; field: FieldPath; pattern: LikePart[]; offset: number }
  /** Multi-select picklists: each value is a `;`-separated set that must all be selected. */
  | { kind: 'includes'; field: FieldPath; negated: boolean; values: string[][] };

export interface OrderItem {
  field: FieldPath;
  descending: boolean;
  nullsLast: boolean;
}

export interface SoqlQuery {
  select: SelectItem[];
  from: { name: string; alias: string | undefined; offset: number };
  where: Condition | undefined;
  orderBy: OrderItem[];
  limit: number | undefined;
  offset: number | undefined;
  /** Offset of the OFFSET value, for its range error. */
  offsetAt: number | undefined;
}
