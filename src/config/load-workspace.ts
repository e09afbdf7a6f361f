import { readFile } from 'node:fs/promises';
import { apiKeyIssues } from './api-key-checks.js';
import { ConfigError } from './config-error.js';
import { formatPath, type ConfigProblem } from './config-problem.js';
import { issuesToProblems } from './issues-to-problems.js';
import { resolveSecrets, type EnvironmentLookup, type Resolved } from './resolve-secrets.js';
import { workspaceCrossChecks } from './workspace-cross-checks.js';
import { Workspace, type WorkspaceFile } from './workspace-schema.js';
import { parseYamlSource } from './yaml-source.js';

export type ResolvedWorkspace = Resolved<WorkspaceFile> & { file: string };

export interface LoadOptions {
  /** Where secrets come from; the process environment unless a test says otherwise. */
  env?: EnvironmentLookup;
  /** Check the file alone, without requiring the referenced environment variables (CI, reviews). */
  skipSecrets?: boolean;
}

/**
 * Reads, validates and resolves a workspace file. Throws ConfigError listing every problem it finds
 * (syntax, shape, cross-references, missing secrets), so one run shows everything to fix.
 */
export async function loadWorkspace(file: string, options: LoadOptions = {}): Promise<ResolvedWorkspace> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    throw new ConfigError(
      file,
      [{ file, path: '(file)', expected: 'a readable workspace file (YAML)', found: `cannot read it: ${reason}` }],
      { cause: error },
    );
  }
  return parseWorkspace(file, text, options);
}

export function parseWorkspace(file: string, text: string, options: LoadOptions = {}): ResolvedWorkspace {
  const source = parseYamlSource(file, text);
  if (source.syntaxProblems.length > 0) throw new ConfigError(file, source.syntaxProblems);

  const parsed = Workspace.safeParse(source.data ?? {});
  const crossIssues = workspaceCrossChecks(source.data);
  const shapeIssues = parsed.success ? [] : parsed.error.issues;
  if (!parsed.success || crossIssues.length > 0) {
    throw new ConfigError(file, issuesToProblems(source, shapeIssues, crossIssues));
  }

  const problems: ConfigProblem[] = [];
  const env: EnvironmentLookup = options.skipSecrets
    ? () => 'unchecked'
    : (options.env ?? ((name) => process.env[name]));
  const resolved = resolveSecrets(parsed.data, source, env, problems);
  if (!options.skipSecrets) {
    for (const issue of apiKeyIssues(resolved.partners)) {
      const path = ['partners', issue.index, 'apiKey'];
      problems.push({ file, ...source.locate(path), path: formatPath(path), expected: issue.expected, found: issue.found });
    }
  }
  if (problems.length > 0) throw new ConfigError(file, problems);
  return { ...resolved, file };
}
