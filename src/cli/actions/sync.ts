import { SyncObject } from '../../config/schedule-schema.js';
import { loadWorkspace } from '../../config/load-workspace.js';
import { planSync, type PlannedChange } from '../../engine/dry-run.js';
import { openEngine } from '../../engine/open-engine.js';
import { syncNow } from '../../engine/passes-now.js';
import { createProcessLogger } from '../../runtime/process-logger.js';
import { UsageError } from '../usage-error.js';
import { workspaceFile } from '../workspace-option.js';

export interface SyncOptions {
  config?: string;
  mappings: string;
  connection: string;
  object?: string;
  dryRun?: boolean;
  limit: string;
}

const show = (value: unknown): string => (value === null || value === undefined ? '(empty)' : JSON.stringify(value));

function printPlan(changes: readonly PlannedChange[]): void {
  for (const change of changes) {
    const where = `${change.target} ${change.object} ${change.crmId ?? '(new record)'} [${change.canonicalId}]`;
    for (const field of change.fields) console.log(`  ${where}  ${field.field}: ${show(field.before)} → ${show(field.after)}`);
  }
}

/** `cosell sync`: one pass of each object of the connection now, or (with --dry-run) what it would change. */
export async function sync(options: SyncOptions): Promise<void> {
  const objects = options.object === undefined ? (['account', 'opportunity'] as const) : [options.object];
  const parsed = objects.map((object) => SyncObject.safeParse(object));
  const bad = parsed.findIndex((p) => !p.success);
  if (bad >= 0) throw new UsageError(`--object "${String(objects[bad])}": expected one of ${SyncObject.options.join(' | ')}`);
  const limit = Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit "${options.limit}": expected a whole number ≥ 1`);
  const workspace = await loadWorkspace(workspaceFile(options.config));
  if (options.connection !== 'vendor' && !workspace.partners.some((p) => p.id === options.connection)) {
    throw new UsageError(`--connection "${options.connection}": expected "vendor" or one of ${workspace.partners.map((p) => p.id).join(', ') || '(no partners)'}`);
  }
  const { logger } = createProcessLogger({ ...workspace, logging: { level: 'warn' } });
  const engine = await openEngine(workspace, options.mappings, logger);
  try {
    for (const object of parsed.flatMap((p) => (p.success ? [p.data] : []))) {
      if (options.dryRun) {
        const plan = await planSync(engine.runtime, options.connection, object, limit);
        const fields = plan.changes.reduce((n, c) => n + c.fields.length, 0);
        console.log(`${options.connection} ${object}: read ${String(plan.read)} changed records; would write ${String(fields)} fields on ${String(plan.changes.length)} records (dry run: nothing written)`);
        printPlan(plan.changes);
      } else {
        const result = await syncNow(engine.runtime, options.connection, object, `cli-${String(Date.now())}`);
        const i = result.ingest;
        console.log(`${options.connection} ${object}: read ${String(i.read)}, changed ${String(i.changed)}, unchanged ${String(i.unchanged)}, failed ${String(i.failed)}`);
        for (const w of result.writes) {
          console.log(`  → ${w.connectionId} ${w.object}: wrote ${String(w.written)}, unchanged ${String(w.unchanged)}, failed ${String(w.failed)} in ${String(w.calls)} calls`);
        }
      }
    }
  } finally {
    await engine.close();
  }
}
