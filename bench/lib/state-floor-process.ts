// One process of the state-floor benchmark (engine-state-floor.ts): the reader or the writer of a sync that
// keeps the least state a sync could keep in Redis, through the engine's own connectors and mappings.
// The reader maps each page and stores it in one call per 500 records: the record's document (compared whole,
// no per-field change times), its vendor id link, and its place in the write queue. The writer takes 400
// waiting records at a time, reads their documents and last-written state in one round trip, computes the
// partner's values as the engine does (sharing, mapping, content hash), upserts them 100 a call with up to 4
// calls in flight, and stores what it wrote and clears the queue in one round trip.
// Left out, on purpose, to be measured as the engine's cost: per-field change times and two-way precedence,
// routing by rules, crash-safe routing of recorded changes, versions against lost updates, create intents,
// run counts, the audit trail, dead letters, job queues. Not a sync to run: a yardstick.
import { Redis } from 'ioredis';
import pLimit from 'p-limit';
import { pino } from 'pino';
import type { UpsertInput } from '../../connectors/shared/crm-connector.js';
import { productConnectorFactory } from '../../src/engine/product-connector-factory.js';
import { WorkspaceRules } from '../../src/engine/workspace-rules.js';
import { fromCrm, toCrm } from '../../src/mappings/apply-mapping.js';
import { loadMappings } from '../../src/mappings/load-mappings.js';
import { LuaCommand } from '../../src/redis/lua-command.js';
import { joinLines, LUA_SPLIT_LINES } from '../../src/redis/lua-lists.js';
import { canonicalIdFor } from '../../src/state/canonical-ids.js';
import { CanonicalStore, type CanonicalRecord } from '../../src/state/canonical-store.js';
import { contentHash } from '../../src/state/record-hashes.js';
import { benchWorkspace } from './bench-workspace.js';
import type { EngineProcessSetup } from './engine-process-setup.js';

export interface StateFloorSetup extends Pick<EngineProcessSetup, 'vendor' | 'partner' | 'hubspotPerTenSeconds' | 'bulkThreshold'> {
  role: 'read' | 'write';
  /** The benchmark's key prefix (its keys are removed with it). */
  prefix: string;
}

/**
 * KEYS[1] documents (hash)  KEYS[2] vendor crm id → canonical id (hash)  KEYS[3] write queue (sorted set)
 * ARGV[1] now (ms)  ARGV[2] one list (lua-lists.ts): crm id, canonical id, document of each record in turn.
 */
const STORE_PAGE = `${LUA_SPLIT_LINES}
local items = splitLines(ARGV[2])
local queued, links = {}, {}
for i = 1, #items, 3 do
  local crmId, id, doc = items[i], items[i + 1], items[i + 2]
  local stored = redis.call('HGET', KEYS[1], id)
  if stored ~= doc then
    redis.call('HSET', KEYS[1], id, doc)
    queued[#queued + 1] = ARGV[1]
    queued[#queued + 1] = id
  end
  if not stored then
    links[#links + 1] = crmId
    links[#links + 1] = id
  end
end
if #queued > 0 then redis.call('ZADD', KEYS[3], 'NX', unpack(queued)) end
if #links > 0 then redis.call('HSET', KEYS[2], unpack(links)) end
return #queued / 2
`;

const STORE_PAGE_COMMAND = new LuaCommand('floorStorePage', 3, STORE_PAGE);
const RECORDS_PER_CALL = 500;
const ROUND = 400;
const BATCH = 100;
const CALLS_IN_FLIGHT = 4;
const ROUNDS_IN_FLIGHT = 3;

interface StoredDocument {
  m: string;
  id: string;
  v: Record<string, unknown>;
}

const setup = JSON.parse(process.env.BENCH_FLOOR_SETUP ?? '{}') as StateFloorSetup;
const workspace = benchWorkspace(setup);
const logger = pino({ level: 'silent' });
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
STORE_PAGE_COMMAND.defineOn(redis);
const mappings = await loadMappings('mappings');
const key = (...parts: string[]): string => `${setup.prefix}floor:${parts.join(':')}`;
const keys = { documents: key('canon', 'account'), vendorLinks: key('xw', 'vendor'), queue: key('queue', 'northwind'), state: key('state', 'northwind'), partnerLinks: key('xw', 'northwind'), readDone: key('read-done') };
const nextMessage = (): Promise<unknown> => new Promise((resolve) => process.once('message', resolve));

async function read(): Promise<void> {
  const connector = productConnectorFactory(workspace.vendor.connection, { connectionId: 'vendor', redis, prefix: setup.prefix, logger });
  const mapping = mappings.get('salesforce', 'Account');
  if (!mapping) throw new Error('no Salesforce Account mapping in mappings/');
  process.send?.('ready');
  await nextMessage();
  let queued = 0;
  for await (const page of connector.readChanges(mapping.object, { fields: mapping.crmFieldsToRead, lookbackMs: 0 })) {
    const pipeline = redis.pipeline();
    for (let start = 0; start < page.records.length; start += RECORDS_PER_CALL) {
      const items: string[] = [];
      for (const record of page.records.slice(start, start + RECORDS_PER_CALL)) {
        const { values } = fromCrm(mapping, record.fields);
        const document: StoredDocument = { m: record.modifiedAt, id: record.id, v: values };
        items.push(record.id, canonicalIdFor(mapping.canonical, 'vendor', mapping.object, record.id), JSON.stringify(document));
      }
      STORE_PAGE_COMMAND.queue(pipeline, [keys.documents, keys.vendorLinks, keys.queue], [Date.now(), joinLines(items)]);
    }
    for (const [error, result] of (await pipeline.exec()) ?? []) {
      if (error) throw error;
      queued += Number(result);
    }
    await redis.set(key('cursor'), JSON.stringify(page.cursor));
  }
  await redis.set(keys.readDone, '1');
  process.send?.(`queued ${String(queued)}`);
}

async function write(): Promise<void> {
  const partner = workspace.partners[0];
  if (!partner) throw new Error('the benchmark workspace has no partner to write to');
  const connector = productConnectorFactory(partner.connection, { connectionId: partner.id, redis, prefix: setup.prefix, logger });
  const mapping = mappings.get('hubspot', 'companies', 'northwind');
  if (!mapping?.externalId) throw new Error('no HubSpot companies mapping with an externalId in mappings/');
  const externalId = mapping.externalId;
  const rules = new WorkspaceRules(workspace, mappings, new CanonicalStore(redis, setup.prefix));
  const slots = pLimit(CALLS_IN_FLIGHT);
  let written = 0;
  const round = async (ids: readonly string[]): Promise<void> => {
    const replies = (await redis.pipeline().hmget(keys.documents, ...ids).hmget(keys.state, ...ids).exec()) ?? [];
    const documents = (replies[0]?.[1] ?? []) as (string | null)[];
    const states = (replies[1]?.[1] ?? []) as (string | null)[];
    const toWrite: { id: string; hash: string; input: UpsertInput }[] = [];
    for (const [index, id] of ids.entries()) {
      const text = documents[index];
      if (!text) continue;
      const document = JSON.parse(text) as StoredDocument;
      const record: CanonicalRecord = { id, sources: new Map([['vendor', { crmId: document.id, modifiedAt: document.m, values: document.v, changedAt: {} }]]) };
      const outgoing = rules.valuesFor(record, 'account', 'northwind');
      if (!outgoing) continue;
      const { values } = toCrm(mapping, outgoing.values, outgoing.allowed);
      const hash = contentHash(values);
      const [crmId, lastHash] = (states[index] ?? '').split(' ');
      if (lastHash === hash) continue;
      toWrite.push({ id, hash, input: { externalId: id, crmId: crmId || undefined, fields: values } });
    }
    const batches: (typeof toWrite)[] = [];
    for (let start = 0; start < toWrite.length; start += BATCH) batches.push(toWrite.slice(start, start + BATCH));
    const outcomes = await Promise.all(batches.map((batch) => slots(() => connector.upsert(mapping.object, externalId, batch.map((item) => item.input)))));
    const state: string[] = [];
    const links: string[] = [];
    for (const [b, batch] of batches.entries()) {
      for (const [position, outcome] of (outcomes[b] ?? []).entries()) {
        const item = batch[position];
        if (!item || !outcome.ok) continue;
        state.push(item.id, `${outcome.id} ${item.hash}`);
        links.push(outcome.id, item.id);
        written += 1;
      }
    }
    const commit = redis.pipeline();
    if (state.length > 0) commit.hset(keys.state, ...state).hset(keys.partnerLinks, ...links);
    commit.zrem(keys.queue, ...ids);
    await commit.exec();
  };
  process.send?.('ready');
  await nextMessage();
  const taken = new Set<string>();
  const rounds: Promise<void>[] = [];
  for (;;) {
    const ids = (await redis.zrange(keys.queue, 0, ROUND + taken.size - 1)).filter((id) => !taken.has(id)).slice(0, ROUND);
    if (ids.length === 0) {
      const oldest = rounds.shift();
      if (oldest) {
        await oldest;
        continue;
      }
      if ((await redis.get(keys.readDone)) === '1' && (await redis.zcard(keys.queue)) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
      continue;
    }
    for (const id of ids) taken.add(id);
    rounds.push(round(ids).then(() => {
      for (const id of ids) taken.delete(id);
    }));
    if (rounds.length >= ROUNDS_IN_FLIGHT) await rounds.shift();
  }
  process.send?.(`written ${String(written)}`);
}

await (setup.role === 'read' ? read() : write());
// Stays until the benchmark has read this process's CPU time.
await nextMessage();
await redis.quit();
process.exit(0);
