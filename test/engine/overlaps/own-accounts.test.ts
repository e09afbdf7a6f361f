import { afterEach, describe, expect, it } from 'vitest';
import type { ResolvedWorkspace } from '../../../src/config/load-workspace.js';
import { Secret } from '../../../src/config/secret.js';
import { openStores, type EngineStores } from '../../../src/engine/engine-context.js';
import { AccountChanges } from '../../../src/engine/overlaps/account-changes.js';
import { MatchingIndexes } from '../../../src/engine/overlaps/matching-indexes.js';
import { rememberProgramRecord } from '../../../src/engine/program-record.js';
import { testWorkspace, type TestWorkspace } from '../../helpers/test-redis.js';

let ws: TestWorkspace | undefined;
afterEach(async () => {
  await ws?.cleanup();
  ws = undefined;
});

const connection = { kind: 'hubspot' as const, baseUrl: 'http://127.0.0.1:9', auth: { type: 'private-app' as const, token: new Secret('unused', 'T') } };
const workspace = {
  vendor: { name: 'Acme Cloud', connection },
  partners: [{ id: 'globex', name: 'Globex Software', persona: 'isv' as const, tier: 'gold', region: 'amer', connection, sharing: { share: 'overlaps' as const, fields: ['relationship'] } }],
} as unknown as Pick<ResolvedWorkspace, 'vendor' | 'partners'>;

const initech = { name: 'Initech', website: 'https://www.initech.example', domain: 'initech.example', country: 'US' };
const acme = { name: 'Acme Cloud', website: 'https://www.acme-cloud.example', domain: 'acme-cloud.example', country: 'US' };
const umbrella = { name: 'Umbrella Corporation', website: 'https://umbrella.example', domain: 'umbrella.example', country: 'US' };

/** What one CRM says about one account, recorded and linked as an ingest pass does. */
async function describeAccount(stores: EngineStores, connectionId: string, canonicalId: string, crmId: string, values: Record<string, unknown>): Promise<void> {
  await stores.crosswalk.linkMany(connectionId, 'companies', [{ canonicalId, crmId }]);
  await stores.canonical.recordSources('account', connectionId, [{ canonicalId, crmId, modifiedAt: new Date().toISOString(), values }]);
}

/**
 * The vendor's accounts (its own company record among them) and globex's CRM: one account of its own that
 * overlaps; the engine's copy of a vendor account (shared while globex shared `all`); an orphaned copy, whose
 * vendor account was merged into its duplicate while the copy's deletion failed; and the account that stands for
 * the vendor there (program standing).
 */
async function seed(stores: EngineStores, partnerSide: boolean): Promise<void> {
  await describeAccount(stores, 'vendor', 'acc_initech', 'v-1', initech);
  await describeAccount(stores, 'vendor', 'acc_acme', 'v-2', acme);
  await describeAccount(stores, 'vendor', 'acc_umbrella', 'v-3', umbrella);
  if (!partnerSide) return;
  await describeAccount(stores, 'globex', 'acc_globex_umbrella', 'g-1', { ...umbrella, name: 'Umbrella Corp.' });
  await describeAccount(stores, 'globex', 'acc_initech', 'g-2', initech);
  // As a committed write records the copies it created.
  await stores.createIntents.settle('globex', 'companies', ['acc_initech', 'acc_initech_dup'], []);
  await describeAccount(stores, 'globex', 'acc_initech_dup', 'g-3', initech);
  await describeAccount(stores, 'globex', 'acc_globex_program', 'g-4', { name: 'Acme Cloud' });
  await rememberProgramRecord(stores, 'globex', 'companies', 'g-4');
}

describe("a partner's own accounts in account mapping's index", () => {
  it('given accounts the engine made in the partner CRM, then the index built from the store holds only the partner\'s own', async () => {
    ws = await testWorkspace();
    const stores = openStores(ws.redis, ws.prefix);
    await seed(stores, true);
    const indexes = new MatchingIndexes(workspace, stores, new AccountChanges(ws.redis, ws.prefix));
    await indexes.current();
    expect([...indexes.partner('globex').accounts.keys()]).toEqual(['acc_globex_umbrella']);
    expect([...indexes.vendor.accounts.keys()].sort()).toEqual(['acc_acme', 'acc_initech', 'acc_umbrella']);
  });

  it('given those accounts arriving as changes after the index was built, then it still holds only the partner\'s own', async () => {
    ws = await testWorkspace();
    const stores = openStores(ws.redis, ws.prefix);
    const changes = new AccountChanges(ws.redis, ws.prefix);
    await seed(stores, false);
    const indexes = new MatchingIndexes(workspace, stores, changes);
    await indexes.current();

    await seed(stores, true);
    await changes.append('globex', ['acc_globex_umbrella', 'acc_initech', 'acc_initech_dup', 'acc_globex_program']);
    await indexes.current();
    expect([...indexes.partner('globex').accounts.keys()]).toEqual(['acc_globex_umbrella']);

    // The vendor deletes Initech and the copy's deletion fails: the copy keeps only globex's source, and globex edits it.
    await stores.canonical.forgetSource('account', 'acc_initech', 'vendor');
    await changes.append('vendor', ['acc_initech']);
    await describeAccount(stores, 'globex', 'acc_initech', 'g-2', { ...initech, city: 'Austin' });
    await changes.append('globex', ['acc_initech']);
    await indexes.current();
    expect([...indexes.partner('globex').accounts.keys()]).toEqual(['acc_globex_umbrella']);
  });
});
