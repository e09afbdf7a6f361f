import { formatProblem, type ConfigProblem } from './config-problem.js';

/** A configuration file that cannot be used; lists every problem found, not just the first. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: readonly ConfigProblem[];

  constructor(file: string, problems: readonly ConfigProblem[], options?: { cause?: unknown }) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(
      `${file} is not a valid configuration (${count}); fix these and start again:\n` +
        problems.map((p) => `  - ${formatProblem(p)}`).join('\n'),
      options,
    );
    this.problems = problems;
  }
}
