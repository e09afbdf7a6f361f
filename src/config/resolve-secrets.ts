import { formatPath, type ConfigProblem } from './config-problem.js';
import { Secret } from './secret.js';
import type { SecretReference } from './secret-reference.js';
import type { YamlSource } from './yaml-source.js';

/** The validated file with every `{ env: NAME }` replaced by the Secret it names. */
export type Resolved<T> = T extends SecretReference
  ? Secret
  : T extends readonly (infer Item)[]
    ? Resolved<Item>[]
    : T extends object
      ? { [K in keyof T]: Resolved<T[K]> }
      : T;

export type EnvironmentLookup = (name: string) => string | undefined;

function isReference(value: unknown): value is SecretReference {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.keys(value).length === 1 &&
    typeof (value as Partial<SecretReference>).env === 'string'
  );
}

/**
 * Resolves secret references from the environment. Missing or empty variables become problems (with the
 * line of the reference) instead of failing later, half-started, at the first API call.
 */
export function resolveSecrets<T>(
  value: T,
  source: YamlSource,
  env: EnvironmentLookup,
  problems: ConfigProblem[],
  path: PropertyKey[] = [],
): Resolved<T> {
  return walk(value, source, env, problems, path) as Resolved<T>;
}

function walk(
  value: unknown,
  source: YamlSource,
  env: EnvironmentLookup,
  problems: ConfigProblem[],
  path: PropertyKey[],
): unknown {
  if (isReference(value)) {
    const resolved = env(value.env);
    if (resolved === undefined || resolved === '') {
      problems.push({
        file: source.file,
        ...source.locate(path),
        path: formatPath(path),
        expected: `environment variable ${value.env} to be set (a secret is read from the environment)`,
        found: resolved === undefined ? `${value.env} is not set` : `${value.env} is set but empty`,
      });
      return new Secret('', value.env);
    }
    return new Secret(resolved, value.env);
  }
  if (Array.isArray(value)) return value.map((item, index) => walk(item, source, env, problems, [...path, index]));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, walk(item, source, env, problems, [...path, key])]),
    );
  }
  return value;
}
