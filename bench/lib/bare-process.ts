// One bare sync in a fresh process (started by bare-in-child.ts): each bare run starts as cold as the engine's
// processes do, instead of the second one run in a process finding the client libraries' code already compiled
// by the first (measured: 0.3-0.4 s of 2.5).
import { bareBulkSync } from './bare-bulk-sync.js';
import { bareSync, type BareSync, type BareSandboxes } from './bare-sync.js';

interface BareSetup {
  kind: 'rest' | 'bulk';
  sandboxes: BareSandboxes;
  redisPids: number[];
}

const setup = JSON.parse(process.env.BENCH_BARE_SETUP ?? '{}') as BareSetup;
const result: BareSync = setup.kind === 'bulk' ? await bareBulkSync(setup.sandboxes, setup.redisPids) : await bareSync(setup.sandboxes, setup.redisPids);
process.send?.(result, () => {
  process.disconnect();
});
