import type { EngineStores } from '../engine-context.js';

export interface SourceAccount {
  canonicalId: string;
  crmId: string;
  values: Record<string, unknown>;
  /** Other connections that also hold this record (a vendor account the engine wrote into a partner CRM). */
  alsoIn: string[];
}

const CHUNK = 1_000;

/** Every account one connection holds, as it last described them (its source in the canonical store). */
export async function readSourceAccounts(stores: EngineStores, connectionId: string, crmObject: string): Promise<SourceAccount[]> {
  const links = [...(await stores.crosswalk.entries(connectionId, crmObject))];
  const accounts: SourceAccount[] = [];
  for (let start = 0; start < links.length; start += CHUNK) {
    const chunk = links.slice(start, start + CHUNK);
    const records = await stores.canonical.getMany('account', chunk.map(([, canonicalId]) => canonicalId));
    chunk.forEach(([crmId, canonicalId], index) => {
      const source = records[index]?.sources.get(connectionId);
      if (!source) return;
      accounts.push({ canonicalId, crmId, values: source.values, alsoIn: [...(records[index]?.sources.keys() ?? [])].filter((c) => c !== connectionId) });
    });
  }
  return accounts;
}
