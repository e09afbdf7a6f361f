import type { EngineStores } from '../engine-context.js';

export interface SourceAccount {
  canonicalId: string;
  crmId: string;
  values: Record<string, unknown>;
  /** Other connections that also hold this record (a vendor account the engine wrote into a partner CRM). */
  alsoIn: string[];
}

const CHUNK = 1_000;

/**
 * Every account one connection holds, as it last described them (its source in the canonical store), whose
 * document's CRM record is still linked to it (record-links.ts).
 */
export async function readSourceAccounts(stores: EngineStores, connectionId: string, crmObject: string): Promise<SourceAccount[]> {
  const ids = await stores.canonical.sourceIds('account', connectionId);
  const accounts: SourceAccount[] = [];
  for (let start = 0; start < ids.length; start += CHUNK) {
    const chunk = ids.slice(start, start + CHUNK);
    const records = await stores.canonical.getMany('account', chunk);
    const described = chunk.flatMap((canonicalId, index) => {
      const record = records[index];
      const source = record?.sources.get(connectionId);
      return record && source ? [{ canonicalId, record, source }] : [];
    });
    const linked = await stores.links.holds(connectionId, crmObject, 'account', described.map(({ canonicalId, source }) => ({ canonicalId, crmId: source.crmId })));
    described.forEach(({ canonicalId, record, source }, index) => {
      if (linked[index] !== true) return;
      accounts.push({ canonicalId, crmId: source.crmId, values: source.values, alsoIn: [...record.sources.keys()].filter((c) => c !== connectionId) });
    });
  }
  return accounts;
}
