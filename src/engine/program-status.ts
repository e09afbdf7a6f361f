import type { CrmKind } from '../../connectors/shared/crm-connector.js';
import type { Logger } from '../logging/logger.js';
import { contentHash } from '../state/record-hashes.js';
import { crmObjectFor } from './crm-objects.js';
import type { EngineRuntime } from './engine-runtime.js';
import { readPartnerDirectory, type ProgramStanding } from './partner-directory.js';
import { rememberProgramRecord, vendorRecordKey, writtenProgramRecord } from './program-record.js';
import { resolveMapping } from './resolve-mapping.js';

/**
 * Where a partner's CRM shows its standing in the vendor's program: fields on the account that represents
 * the vendor there. Admins create them once (docs/engine.md lists them); `mappings validate --live` is not
 * needed for these, a missing field is reported by the CRM with its name.
 */
export const PROGRAM_FIELDS: Record<CrmKind, Record<keyof Omit<ProgramStanding, 'name' | 'region'>, string>> = {
  hubspot: { persona: 'cosell_program_persona', tier: 'cosell_program_tier', certifications: 'cosell_program_certifications', status: 'cosell_program_status' },
  salesforce: { persona: 'Cosell_Program_Persona__c', tier: 'Cosell_Program_Tier__c', certifications: 'Cosell_Program_Certifications__c', status: 'Cosell_Program_Status__c' },
};

const NAME_FIELD: Record<CrmKind, string> = { hubspot: 'name', salesforce: 'Name' };

export interface ProgramWrite {
  partnerId: string;
  outcome: 'written' | 'unchanged' | 'no-directory-record' | 'failed';
  detail?: string;
}

/**
 * Writes a partner's program standing (persona, tier, certifications, status) onto the record that represents
 * the vendor in that partner's CRM: the configured `vendorRecordId`, else an account the engine keeps there
 * under its own external id, named after the vendor. Unchanged standings cost no call.
 */
export async function writeProgramStatus(runtime: EngineRuntime, partnerId: string, jobId: string, logger: Logger): Promise<ProgramWrite> {
  const partner = runtime.workspace.partners.find((p) => p.id === partnerId);
  if (!partner) return { partnerId, outcome: 'failed', detail: `no partner ${partnerId} in the workspace` };
  const entry = (await readPartnerDirectory(runtime.workspace, runtime.stores)).find((e) => e.partnerId === partnerId);
  if (!entry?.standing) {
    logger.warn({ partnerId }, `no record for ${partner.name} in the vendor's partner directory; set directoryId in the workspace file to name it`);
    return { partnerId, outcome: 'no-directory-record' };
  }
  const kind = partner.connection.kind;
  const { mapping } = resolveMapping(runtime.connectors, runtime.mappings, partnerId, 'account');
  const externalIdField = mapping.externalId;
  if (externalIdField === undefined) return { partnerId, outcome: 'failed', detail: `the ${kind} account mapping has no externalId` };
  const names = PROGRAM_FIELDS[kind];
  const fields: Record<string, unknown> = {
    [NAME_FIELD[kind]]: runtime.workspace.vendor.name,
    [names.persona]: entry.standing.persona,
    [names.tier]: entry.standing.tier,
    [names.status]: entry.standing.status,
    [names.certifications]: kind === 'salesforce' ? entry.standing.certifications.join(';') : entry.standing.certifications.join(', '),
  };
  const key = vendorRecordKey(partnerId);
  const object = crmObjectFor(kind, 'account');
  const hash = contentHash(fields);
  const [last] = await runtime.stores.hashes.get('written', partnerId, `${object}:program`, [key]);
  // Written before its CRM id was kept: written once more to learn it (account mapping must leave it out).
  if (last === hash && (await writtenProgramRecord(runtime.stores, partnerId, object)) !== undefined) return { partnerId, outcome: 'unchanged' };
  const connector = runtime.connectors.get(partnerId);
  const [outcome] = await connector.upsert(object, externalIdField, [{ externalId: key, crmId: partner.vendorRecordId, fields }]);
  if (!outcome?.ok) {
    const error = outcome?.ok === false ? outcome.error : undefined;
    await runtime.deadLetters.recordItem({
      queue: 'write-back',
      jobId,
      jobName: 'program-status',
      key: `${partnerId}--program-status`,
      replay: { connectionId: partnerId, object: 'partner' },
      error: { name: 'CrmRecordRejected', message: error?.message ?? 'no outcome', crmCode: error?.code ?? 'NOT_WRITTEN' },
      attemptsMade: 1,
      enqueuedAt: new Date().toISOString(),
    });
    return { partnerId, outcome: 'failed', detail: `${error?.code ?? 'NOT_WRITTEN'}: ${error?.message ?? ''}` };
  }
  await rememberProgramRecord(runtime.stores, partnerId, object, outcome.id);
  await runtime.stores.hashes.set('written', partnerId, `${object}:program`, new Map([[key, hash]]));
  await runtime.stores.audit.append([{ who: 'engine', what: `program status ${partnerId} ${object} ${outcome.id}`, why: `directory standing: ${entry.standing.tier}, ${entry.standing.status}`, refs: { crmId: outcome.id, job: jobId } }]);
  return { partnerId, outcome: 'written' };
}
