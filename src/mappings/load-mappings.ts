import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import type { ConfigProblem } from '../config/config-problem.js';
import { issuesToProblems } from '../config/issues-to-problems.js';
import { parseYamlSource, type YamlSource } from '../config/yaml-source.js';
import { mappingKey, type CompiledMapping } from './compiled-mapping.js';
import { checkMapping } from './mapping-checks.js';
import { MappingFile, MappingOverride } from './mapping-schema.js';
import { MappingSet } from './mapping-set.js';
import { MappingsInvalidError } from './mappings-invalid-error.js';
import { buildTransform } from './transforms/transform-spec.js';

const CRMS = ['salesforce', 'hubspot'] as const;

/**
 * Loads every mapping under `dir`: `<crm>/<object>.yaml` for the shipped mappings and
 * `partners/<partner id>/<crm>/<object>.yaml` for a partner's overrides. Every file is checked; all
 * problems of all files are reported together (MappingsInvalidError), each with file, line and field.
 */
export async function loadMappings(dir: string): Promise<MappingSet> {
  const problems: ConfigProblem[] = [];
  const base = new Map<string, CompiledMapping>();
  const baseData = new Map<string, MappingFile>();
  for (const file of await yamlFiles(dir, CRMS)) {
    const loaded = await loadFile(file, MappingFile, problems);
    if (!loaded) continue;
    const { data, source } = loaded;
    const key = mappingKey(data.crm, data.object);
    const existing = base.get(key);
    if (existing) {
      problems.push(problemAt(source, ['object'], `one file per CRM object (${existing.sources.join(', ')} already maps ${key})`, data.object));
      continue;
    }
    if (!reportIssues(source, checkMapping(data), problems)) {
      base.set(key, compile(data, [file]));
      baseData.set(key, data);
    }
  }

  const partners = new Map<string, Map<string, CompiledMapping>>();
  for (const partnerId of await subdirectories(join(dir, 'partners'))) {
    const overrides = new Map<string, CompiledMapping>();
    for (const file of await yamlFiles(join(dir, 'partners', partnerId), CRMS)) {
      const loaded = await loadFile(file, MappingOverride, problems);
      if (!loaded) continue;
      const { data, source } = loaded;
      const key = mappingKey(data.crm, data.object);
      const shipped = base.get(key);
      const shippedData = baseData.get(key);
      if (!shipped || !shippedData) {
        const known = [...base.keys()].join(', ') || 'none loaded';
        problems.push(problemAt(source, ['object'], `an object with a valid shipped mapping (${known})`, key));
        continue;
      }
      const merged = mergeOverride(shippedData, data);
      if (!reportIssues(source, checkMapping(merged), problems)) overrides.set(key, compile(merged, [...shipped.sources, file]));
    }
    partners.set(partnerId, overrides);
  }
  if (problems.length > 0) throw new MappingsInvalidError(dir, problems);
  return new MappingSet(base, partners);
}

function mergeOverride(shipped: MappingFile, override: MappingOverride): MappingFile {
  const replaced = new Map(override.fields.map((field) => [field.canonical, field]));
  const fields = shipped.fields
    .filter((field) => !override.drop.includes(field.canonical))
    .map((field) => replaced.get(field.canonical) ?? field);
  const added = override.fields.filter((field) => !shipped.fields.some((f) => f.canonical === field.canonical));
  return { ...shipped, externalId: override.externalId ?? shipped.externalId, fields: [...fields, ...added] };
}

function compile(mapping: MappingFile, sources: string[]): CompiledMapping {
  const fields = mapping.fields.map((field) => ({
    canonical: field.canonical,
    crm: field.crm,
    direction: field.direction,
    precedence: field.precedence,
    transforms: field.transforms.map(buildTransform),
  }));
  const reads = new Set<string>(mapping.externalId === undefined ? [] : [mapping.externalId]);
  for (const field of fields) {
    if (field.direction === 'none') continue;
    reads.add(field.crm);
    for (const transform of field.transforms) for (const extra of transform.reads ?? []) reads.add(extra);
  }
  return { crm: mapping.crm, object: mapping.object, canonical: mapping.canonical, externalId: mapping.externalId, fields, crmFieldsToRead: [...reads], sources };
}

async function loadFile<T>(file: string, schema: z.ZodType<T>, problems: ConfigProblem[]): Promise<{ data: T; source: YamlSource } | undefined> {
  const source = parseYamlSource(file, await readFile(file, 'utf8'));
  if (source.syntaxProblems.length > 0) {
    problems.push(...source.syntaxProblems);
    return undefined;
  }
  const parsed = schema.safeParse(source.data ?? {});
  if (!parsed.success) {
    problems.push(...issuesToProblems(source, parsed.error.issues));
    reportMeaningOfValidFields(source, parsed.error.issues, problems);
    return undefined;
  }
  return { data: parsed.data, source };
}

/**
 * When some field entries of a mapping are malformed, the well-formed ones are still checked for meaning
 * (unknown canonical fields, missing precedence, duplicates), so one run reports everything to fix.
 */
function reportMeaningOfValidFields(source: YamlSource, shapeIssues: readonly z.core.$ZodIssue[], problems: ConfigProblem[]): void {
  const raw = source.data;
  if (typeof raw !== 'object' || raw === null) return;
  const fields: unknown = Reflect.get(raw, 'fields');
  if (!Array.isArray(fields)) return;
  const broken = new Set(shapeIssues.filter((i) => i.path[0] === 'fields').map((i) => i.path[1]));
  const kept = fields.map((field: unknown, index) => ({ field, index })).filter(({ index }) => !broken.has(index));
  const attempt = MappingFile.safeParse({ ...raw, fields: kept.map(({ field }) => field) });
  if (!attempt.success) return;
  const issues = checkMapping(attempt.data).map((issue) =>
    issue.path[0] === 'fields' && typeof issue.path[1] === 'number'
      ? { ...issue, path: ['fields', kept[issue.path[1]]?.index ?? issue.path[1], ...issue.path.slice(2)] }
      : issue,
  );
  reportIssues(source, issues, problems);
}

function reportIssues(source: YamlSource, issues: ReturnType<typeof checkMapping>, problems: ConfigProblem[]): boolean {
  for (const issue of issues) problems.push(...issuesToProblems(source, [], [issue]));
  return issues.length > 0;
}

function problemAt(source: YamlSource, path: string[], expected: string, found: string): ConfigProblem {
  return issuesToProblems(source, [], [{ path, message: expected }]).map((p) => ({ ...p, found: JSON.stringify(found) }))[0] ?? {
    file: source.file,
    path: path.join('.'),
    expected,
    found,
  };
}

async function yamlFiles(dir: string, crms: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const crm of crms) {
    let names: string[];
    try {
      names = await readdir(join(dir, crm));
    } catch {
      continue;
    }
    files.push(...names.filter((name) => name.endsWith('.yaml') || name.endsWith('.yml')).sort().map((name) => join(dir, crm, name)));
  }
  return files;
}

async function subdirectories(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  } catch {
    return [];
  }
}
