import type { FieldValue } from '../schema/object-schema.js';
import { OPPORTUNITY_STAGES } from '../schema/opportunity-schema.js';

type Values = Record<string, FieldValue>;

/**
 * Fields the platform computes from others: Contact and User `Name`; Opportunity `IsClosed`, `IsWon`, and
 * `Probability` (reset to the stage's default when the stage changes, unless the same write sets it).
 */
export function applyDerivedFields(objectName: string, values: Values, assigned: ReadonlySet<string>): void {
  if (objectName === 'Contact' || objectName === 'User') {
    values.Name = [values.FirstName, values.LastName].filter((part) => typeof part === 'string' && part !== '').join(' ') || null;
  }
  if (objectName === 'Opportunity') {
    const stage = OPPORTUNITY_STAGES.find((candidate) => candidate.value === values.StageName);
    values.IsClosed = stage?.closed ?? false;
    values.IsWon = stage?.won ?? false;
    if (stage && assigned.has('StageName') && !assigned.has('Probability')) values.Probability = stage.probability;
  }
}
