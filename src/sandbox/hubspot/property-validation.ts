import type { PropertyDefinition } from './property-catalog.js';

/** One invalid property, as HubSpot lists them inside a VALIDATION_ERROR message. */
export interface PropertyProblem {
  isValid: false;
  message: string;
  error: 'PROPERTY_DOESNT_EXIST' | 'READ_ONLY_VALUE' | 'INVALID_OPTION' | 'INVALID_INTEGER' | 'INVALID_DATE' | 'INVALID_BOOLEAN';
  name: string;
  localizedErrorMessage: string;
}

const problem = (name: string, error: PropertyProblem['error'], message: string): PropertyProblem => ({
  isValid: false,
  message,
  error,
  name,
  localizedErrorMessage: message,
});

/**
 * Checks and normalises incoming property values the way HubSpot stores them: every value is text;
 * numbers as decimal strings, booleans as "true"/"false", datetimes as ISO 8601 UTC, dates as
 * YYYY-MM-DD; `null` or "" clears a value. Read-only, unknown and out-of-option values are refused.
 */
export function validateProperties(
  input: Readonly<Record<string, unknown>>,
  definitions: ReadonlyMap<string, PropertyDefinition>,
): { values: Map<string, string | null>; problems: PropertyProblem[] } {
  const values = new Map<string, string | null>();
  const problems: PropertyProblem[] = [];
  for (const [name, raw] of Object.entries(input)) {
    const definition = definitions.get(name);
    if (!definition) {
      problems.push(problem(name, 'PROPERTY_DOESNT_EXIST', `Property "${name}" does not exist`));
      continue;
    }
    if (definition.readOnlyValue) {
      problems.push(problem(name, 'READ_ONLY_VALUE', `"${name}" is a read only property; its value cannot be set.`));
      continue;
    }
    if (raw === null || raw === undefined || raw === '') {
      values.set(name, null);
      continue;
    }
    const text = typeof raw === 'string' ? raw : typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : JSON.stringify(raw);
    const normalised = normalise(definition, text);
    if (typeof normalised === 'string') values.set(name, normalised);
    else problems.push(normalised);
  }
  return { values, problems };
}

function normalise(definition: PropertyDefinition, text: string): string | PropertyProblem {
  const { name } = definition;
  switch (definition.type) {
    case 'number': {
      const number = Number(text.trim());
      return text.trim() !== '' && Number.isFinite(number) ? String(number) : problem(name, 'INVALID_INTEGER', `${JSON.stringify(text)} is not a valid number.`);
    }
    case 'bool':
      return text === 'true' || text === 'false' ? text : problem(name, 'INVALID_BOOLEAN', `${JSON.stringify(text)} is not a valid boolean; use true or false.`);
    case 'date':
    case 'datetime': {
      const instant = /^\d+$/.test(text) ? new Date(Number(text)) : new Date(text);
      if (Number.isNaN(instant.getTime())) return problem(name, 'INVALID_DATE', `${JSON.stringify(text)} is not a valid date; use ISO 8601 or epoch milliseconds.`);
      return definition.type === 'date' ? instant.toISOString().slice(0, 10) : instant.toISOString();
    }
    case 'enumeration': {
      const allowed = definition.options.map((o) => o.value);
      // Owner ids and merged ids are enumerations without fixed options.
      if (allowed.length === 0) return text;
      const chosen = definition.fieldType === 'checkbox' ? text.split(';') : [text];
      const bad = chosen.find((value) => !allowed.includes(value));
      return bad === undefined
        ? text
        : problem(name, 'INVALID_OPTION', `${bad} was not one of the allowed options: [${allowed.join(', ')}]`);
    }
    case 'string':
      return text;
  }
}

/** HubSpot's VALIDATION_ERROR message: the problems as a JSON list inside the text. */
export function propertyProblemsMessage(problems: readonly PropertyProblem[]): string {
  return `Property values were not valid: ${JSON.stringify(problems)}`;
}
