import type { z } from 'zod';
import { formatPath, type ConfigProblem } from './config-problem.js';
import { describeValue, valueAt } from './describe-value.js';
import type { CrossCheckIssue } from './workspace-cross-checks.js';
import type { YamlSource } from './yaml-source.js';

/** Turns zod's issues into problems a person can act on: line, path, what was expected, what was found. */
export function issuesToProblems(
  source: YamlSource,
  issues: readonly z.core.$ZodIssue[],
  crossIssues: readonly CrossCheckIssue[] = [],
): ConfigProblem[] {
  const problems: ConfigProblem[] = crossIssues.map((issue) => ({
    file: source.file,
    ...source.locate(issue.path),
    path: formatPath(issue.path),
    expected: issue.message,
    found: describeValue(valueAt(source.data, issue.path)),
  }));
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const position = source.locateKey(issue.path, key);
        problems.push({
          file: source.file,
          ...position,
          path: formatPath([...issue.path, key]),
          expected: 'no such setting here (check the spelling against docs/configuration.md)',
          found: `unknown setting ${JSON.stringify(key)}`,
        });
      }
      continue;
    }
    problems.push({
      file: source.file,
      ...source.locate(issue.path),
      path: formatPath(issue.path),
      expected: expectedFor(issue),
      found: describeValue(valueAt(source.data, issue.path)),
    });
  }
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

const ZOD_DEFAULT_MESSAGE = /^(Invalid|Too small|Too big|Unrecognized)/;

function expectedFor(issue: z.core.$ZodIssue): string {
  // zod's own messages start like these; anything else was written for this schema and says more.
  if (!ZOD_DEFAULT_MESSAGE.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return article(issue.expected);
    case 'invalid_value':
      return issue.values.length === 1
        ? JSON.stringify(issue.values[0])
        : `one of ${issue.values.map((v) => JSON.stringify(v)).join(' | ')}`;
    case 'too_small':
      return `${sizeWord(issue.origin, 'at least')} ${String(issue.minimum)}${unitFor(issue.origin)}`;
    case 'too_big':
      return `${sizeWord(issue.origin, 'at most')} ${String(issue.maximum)}${unitFor(issue.origin)}`;
    default:
      return issue.message;
  }
}

function article(type: string): string {
  if (type === 'array') return 'a list';
  if (type === 'object') return 'a mapping';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function sizeWord(origin: string, bound: string): string {
  return origin === 'number' || origin === 'int' || origin === 'bigint' ? `a number ${bound}` : bound;
}

function unitFor(origin: string): string {
  if (origin === 'string') return ' characters';
  if (origin === 'array' || origin === 'set') return ' items';
  return '';
}
