import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { SeedCompany, SeedOpportunity, SeedOrg, SeedPartner, SeedStage, SeedUser } from '../seed/seed-types.js';
import type { WriteContext } from './dml/record-writer.js';
import type { SandboxOrg } from './sandbox-org.js';
import type { ObjectDefinition } from './schema/object-schema.js';

export interface SeedLoadOptions {
  /** Records written per transaction before the event loop gets a turn (default 2,000). */
  chunkSize?: number;
}

export interface SeedLoadSummary {
  users: number;
  accounts: number;
  opportunities: number;
  partners: number;
}

/** Neutral stages → the shipped Opportunity stages. */
export const STAGE_NAMES: Record<SeedStage, string> = {
  prospecting: 'Prospecting',
  qualification: 'Qualification',
  proposal: 'Proposal/Price Quote',
  negotiation: 'Negotiation/Review',
  'closed-won': 'Closed Won',
  'closed-lost': 'Closed Lost',
};

/** How the org types an account by its relationship to the company. */
export const ACCOUNT_TYPE_NAMES: Record<SeedCompany['relationship'], string> = {
  customer: 'Customer - Direct',
  prospect: 'Prospect',
  'former-customer': 'Former Customer',
};

const PERSONAS: Record<SeedPartner['persona'], string> = {
  si: 'SI',
  isv: 'ISV',
  msp: 'MSP',
  influence: 'Influence',
  referral: 'Referral',
  reseller: 'Reseller',
};

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Loads a generated org into the sandbox, streaming: users, then companies as Accounts, opportunities, and
 * partners as Partner__c. Records keep the seed's creation time (as with "Set Audit Fields upon Record
 * Creation"); their SystemModstamp is the load time. Each record carries its seed key in Seed_Key__c, so links
 * are resolved through that index instead of a map of a million keys. Picklist values the seed uses and the org
 * lacks are added first, as an admin would. A record the org refuses stops the load with the record named.
 */
export async function loadSeedOrg(org: SandboxOrg, seed: SeedOrg, options: SeedLoadOptions = {}): Promise<SeedLoadSummary> {
  const chunkSize = options.chunkSize ?? 2000;
  const object = (name: string): ObjectDefinition => {
    const found = org.schema.find(name);
    if (!found) throw new Error(`the sandbox schema has no ${name}`);
    return found;
  };
  const user = object('User');
  const account = object('Account');
  const opportunity = object('Opportunity');
  const partner = object('Partner__c');
  const seedKey = (definition: ObjectDefinition) => {
    const field = org.schema.field(definition, 'Seed_Key__c');
    if (!field) throw new Error(`${definition.name} has no Seed_Key__c field`);
    return field;
  };
  const accountKey = seedKey(account);
  const userIds = new Map<string, string>();
  const ownerOf = (key: string): string => userIds.get(key) ?? org.integrationUserId;
  const ensurePicklist = (definition: ObjectDefinition, field: string, values: readonly string[]): void => {
    org.schema.addPicklistValues(definition.name, field, values.filter((value) => value !== ''));
  };

  const load = async <T>(
    items: Iterable<T>,
    definition: ObjectDefinition,
    describe: (item: T) => { key: string; fields: Record<string, unknown>; createdAt?: Date },
    saved?: (item: T, id: string) => void,
  ): Promise<number> => {
    let count = 0;
    let chunk: T[] = [];
    const flush = (): void => {
      org.write(org.integrationUserId, (ctx: WriteContext) => {
        for (const item of chunk) {
          const { key, fields, createdAt } = describe(item);
          ctx.audit = createdAt === undefined ? {} : { createdDate: createdAt.getTime(), lastModifiedDate: createdAt.getTime() };
          const outcome = org.writer.create(definition, { ...fields, Seed_Key__c: key }, ctx);
          if (!outcome.success) {
            throw new Error(`seed ${definition.name} ${key} was refused: ${outcome.errors.map((error) => `${error.statusCode} ${error.message}`).join('; ')}`);
          }
          saved?.(item, outcome.id);
        }
      });
      count += chunk.length;
      chunk = [];
    };
    for (const item of items) {
      chunk.push(item);
      if (chunk.length >= chunkSize) {
        flush();
        await yieldToEventLoop();
      }
    }
    if (chunk.length > 0) flush();
    return count;
  };

  const users = await load(
    seed.users(),
    user,
    (item: SeedUser) => ({
      key: item.key,
      fields: {
        Username: item.email,
        FirstName: item.firstName,
        LastName: item.lastName,
        Email: item.email,
        Alias: (item.firstName.charAt(0) + item.lastName).replace(/[^A-Za-z0-9]/g, '').slice(0, 8).toLowerCase() || 'rep',
        Title: item.title,
        Sales_Region__c: item.region,
      },
    }),
    (item, id) => userIds.set(item.key, id),
  );

  const accounts = await load(seed.companies(), account, (item: SeedCompany) => {
    ensurePicklist(account, 'Industry', [item.industry]);
    return {
      key: item.key,
      createdAt: item.createdAt,
      fields: {
        Name: item.name,
        ...(item.website === undefined ? {} : { Website: item.website }),
        Industry: item.industry,
        BillingCountry: item.country,
        ...(item.state === undefined ? {} : { BillingState: item.state }),
        BillingCity: item.city,
        NumberOfEmployees: item.employees,
        AnnualRevenue: item.annualRevenue,
        Type: ACCOUNT_TYPE_NAMES[item.relationship],
        OwnerId: ownerOf(item.ownerKey),
      },
    };
  });

  const opportunities = await load(seed.opportunities(), opportunity, (item: SeedOpportunity) => {
    ensurePicklist(opportunity, 'Product_Line__c', [item.productLine]);
    const [parent] = org.store.table(account).findBy(accountKey, item.companyKey);
    if (!parent) throw new Error(`seed opportunity ${item.key} names company ${item.companyKey}, which was not loaded`);
    return {
      key: item.key,
      createdAt: item.createdAt,
      fields: {
        Name: item.name,
        AccountId: parent.id,
        StageName: STAGE_NAMES[item.stage],
        Amount: item.amount,
        CloseDate: item.closeDate,
        Product_Line__c: item.productLine,
        OwnerId: ownerOf(item.ownerKey),
      },
    };
  });

  const partners = await load(seed.partners(), partner, (item: SeedPartner) => {
    const region = item.region.toUpperCase();
    ensurePicklist(partner, 'Region__c', [region]);
    ensurePicklist(partner, 'Certifications__c', item.certifications);
    return {
      key: item.key,
      fields: {
        Name: item.name,
        Website__c: item.website,
        Persona__c: PERSONAS[item.persona],
        Tier__c: capitalize(item.tier),
        Region__c: region,
        Certifications__c: item.certifications.join(';'),
        Status__c: capitalize(item.status),
      },
    };
  });

  return { users, accounts, opportunities, partners };
}
