/** One thing wrong with a configuration file: where it is, what was expected there, and what was found. */
export interface ConfigProblem {
  file: string;
  /** 1-based line and column in the file, when the spot exists in the file. */
  line?: number;
  column?: number;
  /** Dotted path inside the document, e.g. `partners[1].persona`. */
  path: string;
  expected: string;
  found: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(top level)' : out;
}

export function formatProblem(problem: ConfigProblem): string {
  const where =
    problem.line === undefined ? problem.file : `${problem.file}:${problem.line}:${problem.column ?? 1}`;
  return `${where}  ${problem.path}: expected ${problem.expected}; found ${problem.found}`;
}
