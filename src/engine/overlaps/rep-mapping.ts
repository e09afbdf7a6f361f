import type { Rep, Territory } from '../../config/territory-schema.js';
import { passesFilter } from './account-populations.js';

/** The first territory whose filter covers the account (territories are listed most specific first). */
export function territoryOf(values: Readonly<Record<string, unknown>> | undefined, territories: readonly Territory[]): Territory | undefined {
  return values === undefined ? undefined : territories.find((t) => passesFilter(values, t.where));
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** "Name <email>", the name or the e-mail alone, as far as known. */
export function describeRep(rep: { name?: string | undefined; email?: string | undefined }): string | null {
  if (rep.name !== undefined && rep.email !== undefined) return `${rep.name} <${rep.email}>`;
  return rep.name ?? rep.email ?? null;
}

/**
 * Whom to call about an account on one side: its owner in that CRM, else the rep the territory names for that
 * side, else nobody known (name and e-mail apart, so a partner allowed one of them gets only that one).
 */
export function contactFor(values: Readonly<Record<string, unknown>> | undefined, territoryRep: Rep | undefined): { name?: string | undefined; email?: string | undefined } | undefined {
  const owner = { name: text(values?.ownerName), email: text(values?.ownerEmail) };
  if (owner.name !== undefined || owner.email !== undefined) return owner;
  return territoryRep;
}
