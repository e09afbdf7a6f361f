import type { SeedEntity } from './seed-entity.js';

/**
 * How one org's reps typed a company: with or without its legal form (in one of its spellings), now and
 * then in capitals or with a leading "The"; the website as typed (scheme, www, a path, a shop subdomain) or
 * left empty. `point` draws come from the org's own stream, so each org spells the same company its way.
 */
export function spellName(entity: SeedEntity, draw: () => number): string {
  const forms = entity.country.legalForms;
  let name = entity.baseName;
  if (draw() < 0.65) name = `${name}${draw() < 0.3 ? ',' : ''} ${forms[Math.floor(draw() * forms.length)] ?? ''}`;
  if (draw() < 0.04) name = `The ${name}`;
  if (draw() < 0.05) name = name.toUpperCase();
  return name;
}

const WEBSITE_FORMS: readonly ((domain: string) => string)[] = [
  (d) => `https://www.${d}/`,
  (d) => `https://www.${d}`,
  (d) => `http://${d}`,
  (d) => d,
  (d) => `www.${d}`,
  (d) => `https://${d}/en/`,
  (d) => `https://www.${d}/about-us?ref=crm`,
  (d) => `https://shop.${d}/`,
];

export function typeWebsite(entity: SeedEntity, draw: () => number, missingShare: number): string | undefined {
  if (draw() < missingShare) return undefined;
  return (WEBSITE_FORMS[Math.floor(draw() * WEBSITE_FORMS.length)] ?? WEBSITE_FORMS[0])?.(entity.domain);
}
