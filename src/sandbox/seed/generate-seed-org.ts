import { seededRandom } from '../seeded-random.js';
import { mixSeed, seedEntity } from './seed-entity.js';
import type { SeedCompany, SeedOpportunity, SeedOrg, SeedOrgSpec, SeedPartner, SeedPersona, SeedStage, SeedUser } from './seed-types.js';
import { spellName, typeWebsite } from './seed-variants.js';
import { CERTIFICATIONS, FIRST_NAMES, LAST_NAMES, NAME_PREFIXES, PARTNER_WORDS, PRODUCT_LINES, TITLES } from './seed-words.js';

const DAY = 86_400_000;
/** Dates are relative to a fixed day, never to today: the same seed gives the same org on any day. */
const BASE = Date.UTC(2025, 0, 1);
const REGIONS = ['amer', 'emea', 'apac'] as const;
const PERSONAS: readonly SeedPersona[] = ['si', 'isv', 'msp', 'influence', 'referral', 'reseller'];
const TIERS = ['registered', 'silver', 'gold', 'platinum'] as const;
/** Stage shares of an org's pipeline (open stages first), summing to 1. */
const STAGES: readonly [SeedStage, number][] = [['prospecting', 0.22], ['qualification', 0.2], ['proposal', 0.14], ['negotiation', 0.09], ['closed-won', 0.2], ['closed-lost', 0.15]];
/** Each partner seed's own (non-overlapping) entities sit in their own range above the vendor's. */
const PARTNER_RANGE = 1_200_000;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const pick = <T>(list: readonly T[], point: number): T => list[Math.min(list.length - 1, Math.floor(point * list.length))] as T;
const ascii = (text: string): string => text.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();

function checkSpec(spec: SeedOrgSpec): void {
  const whole = (name: string, value: number | undefined, min: number): void => {
    if (value !== undefined && (!Number.isInteger(value) || value < min)) throw new RangeError(`seed spec ${name}: expected a whole number ≥ ${String(min)}, got ${String(value)}`);
  };
  whole('companies', spec.companies, 0);
  whole('users', spec.users, 1);
  whole('partners', spec.partners, 0);
  whole('vendorCompanies', spec.vendorCompanies, 1);
  if (spec.overlap !== undefined && !(spec.overlap >= 0 && spec.overlap <= 1)) throw new RangeError(`seed spec overlap: expected a share from 0 to 1, got ${String(spec.overlap)}`);
  if (spec.opportunitiesPerCompany !== undefined && !(spec.opportunitiesPerCompany >= 0 && spec.opportunitiesPerCompany <= 20)) throw new RangeError(`seed spec opportunitiesPerCompany: expected 0 to 20, got ${String(spec.opportunitiesPerCompany)}`);
  if (spec.kind === 'partner' && (spec.overlap ?? 0) > 0 && spec.vendorCompanies === undefined) throw new RangeError('seed spec: a partner org with overlap needs vendorCompanies (the vendor org\'s company count)');
}

/**
 * A deterministic org of a seed universe: the same spec gives the same records, byte for byte, and every
 * iterable can be walked again (each record is computed from its index, nothing is kept). A partner org's
 * share `overlap` of companies are vendor companies (distinct ones), spelled its own way.
 */
export function generateSeedOrg(spec: SeedOrgSpec): SeedOrg {
  checkSpec(spec);
  const universe = spec.universe ?? 1;
  const userCount = spec.users ?? Math.max(3, Math.ceil(spec.companies / 200));
  const orgDomain = spec.kind === 'vendor' ? `acme-cloud${spec.seed === 0 ? '' : pad(spec.seed, 1)}.example` : `partner${pad(spec.seed, 1)}.example`;
  const vendorCompanies = spec.vendorCompanies ?? spec.companies;
  // A multiplier coprime with the vendor range walks distinct vendor entities in a scattered order.
  const stride = coprimeStride(vendorCompanies, spec.seed);

  const entityOf = (index: number): number => {
    if (spec.kind === 'vendor') return index;
    const draw = seededRandom(mixSeed(spec.seed * 31 + 1, index))();
    if (draw < (spec.overlap ?? 0)) return (index * stride + spec.seed) % vendorCompanies;
    return vendorCompanies + PARTNER_RANGE * (spec.seed % 8) + index;
  };

  const company = (index: number): SeedCompany => {
    const entity = seedEntity(universe, entityOf(index));
    const draw = seededRandom(mixSeed(spec.seed * 17 + 3, index));
    const relationshipDraw = draw();
    return {
      key: `c-${pad(index, 6)}`,
      entity: `e-${String(entity.index)}`,
      name: spellName(entity, draw),
      website: typeWebsite(entity, draw, 0.08),
      industry: entity.industry,
      country: entity.country.name,
      state: entity.state,
      city: entity.city,
      employees: entity.employees,
      annualRevenue: entity.annualRevenue,
      relationship: relationshipDraw < 0.3 ? 'customer' : relationshipDraw < 0.9 ? 'prospect' : 'former-customer',
      ownerKey: `u-${pad(Math.floor(draw() * userCount), 4)}`,
      createdAt: new Date(BASE - Math.floor(draw() * 700) * DAY),
    };
  };

  return {
    spec,
    *users(): Generator<SeedUser> {
      for (let index = 0; index < userCount; index += 1) {
        const draw = seededRandom(mixSeed(spec.seed * 13 + 5, index));
        const firstName = pick(FIRST_NAMES, draw());
        const lastName = pick(LAST_NAMES, draw());
        yield { key: `u-${pad(index, 4)}`, firstName, lastName, email: `${ascii(firstName)}.${ascii(lastName)}${String(index)}@${orgDomain}`, region: REGIONS[index % REGIONS.length] ?? 'amer', title: pick(TITLES, draw()) };
      }
    },
    *companies(): Generator<SeedCompany> {
      for (let index = 0; index < spec.companies; index += 1) yield company(index);
    },
    *opportunities(): Generator<SeedOpportunity> {
      const average = spec.opportunitiesPerCompany ?? 1;
      for (let index = 0; index < spec.companies; index += 1) {
        const draw = seededRandom(mixSeed(spec.seed * 19 + 7, index));
        const count = Math.floor(average) + (draw() < average % 1 ? 1 : 0);
        if (count === 0) continue;
        const owner = company(index);
        const entity = seedEntity(universe, entityOf(index));
        for (let n = 0; n < count; n += 1) {
          const productLine = pick(PRODUCT_LINES, draw());
          yield {
            key: `o-${pad(index, 6)}-${String(n)}`,
            companyKey: owner.key,
            name: `${entity.baseName} - ${productLine}`,
            stage: stageAt(draw()),
            amount: Math.round((5_000 + draw() * Math.min(2_000_000, entity.employees * 400)) / 100) * 100,
            currency: entity.country.currency,
            closeDate: new Date(BASE + Math.floor(draw() * 540 - 180) * DAY).toISOString().slice(0, 10),
            productLine,
            ownerKey: owner.ownerKey,
            createdAt: new Date(owner.createdAt.getTime() + Math.floor(draw() * 200) * DAY),
          };
        }
      }
    },
    *partners(): Generator<SeedPartner> {
      if (spec.kind !== 'vendor') return;
      for (let index = 0; index < (spec.partners ?? 0); index += 1) {
        const draw = seededRandom(mixSeed(spec.seed * 23 + 11, index));
        const name = `${pick(NAME_PREFIXES, draw())} ${pick(PARTNER_WORDS, draw())}`;
        const certifications = CERTIFICATIONS.filter(() => draw() < 0.3);
        yield {
          key: `p-${pad(index, 4)}`,
          name: index < NAME_PREFIXES.length ? name : `${name} ${String(index)}`,
          website: `https://www.${name.toLowerCase().replace(/[^a-z0-9]/g, '')}${index < NAME_PREFIXES.length ? '' : String(index)}.example/`,
          persona: PERSONAS[index % PERSONAS.length] ?? 'si',
          tier: pick(TIERS, draw()),
          region: REGIONS[index % REGIONS.length] ?? 'amer',
          certifications,
          status: draw() < 0.8 ? 'active' : draw() < 0.5 ? 'onboarding' : 'suspended',
        };
      }
    },
  };
}

function stageAt(point: number): SeedStage {
  let left = point;
  for (const [stage, share] of STAGES) {
    left -= share;
    if (left < 0) return stage;
  }
  return 'prospecting';
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** A stride coprime with `size` (so i → i·stride mod size visits every slot once), varied by seed. */
function coprimeStride(size: number, seed: number): number {
  let stride = 7_919 + (seed % 1_000) * 2;
  while (gcd(stride, size) !== 1) stride += 1;
  return stride;
}
