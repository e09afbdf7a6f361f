import { formatProblem, type ConfigProblem } from '../config/config-problem.js';

/** Mapping files that cannot be used: every problem of every file, each with file, line and field. */
export class MappingsInvalidError extends Error {
  override readonly name = 'MappingsInvalidError';
  readonly problems: readonly ConfigProblem[];

  constructor(dir: string, problems: readonly ConfigProblem[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(`the mappings in ${dir} are not valid (${count}); nothing was synced:\n${problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}`);
    this.problems = problems;
  }
}
