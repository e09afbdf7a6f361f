// Queue base overhead: jobs/s through JobQueue + createQueueWorker (validation, child loggers, dead-letter
// guard) against bare BullMQ Queue + Worker doing the same no-op work, on the local Redis.
import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { DeadLetterQueue } from '../src/queues/dead-letter-queue.js';
import { JobQueue } from '../src/queues/job-queue.js';
import { ingestQueue } from '../src/queues/queue-catalog.js';
import { createQueueWorker } from '../src/queues/queue-worker.js';
import { workspaceKeyPrefix } from '../src/redis/key-prefix.js';
import { redisOptions } from '../src/redis/redis-connection-factory.js';

const JOBS = Number(process.env.BENCH_JOBS ?? '20000');
const CONCURRENCY = 50;
const BULK = 500;
const payload = { connectionId: 'vendor', object: 'account', trigger: 'schedule' } as const;

async function measure(kind: 'bare' | 'engine'): Promise<number> {
  const prefix = workspaceKeyPrefix(`bench-${randomBytes(4).toString('hex')}`);
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', redisOptions('worker'));
  const connection = { connection: redis, prefix };
  let done = 0;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const count = (): void => {
    done += 1;
    if (done === JOBS) finish();
  };

  const started = performance.now();
  let close: () => Promise<void>;
  if (kind === 'bare') {
    const queue = new Queue(ingestQueue.name, connection);
    const worker = new Worker(
      ingestQueue.name,
      () => {
        count();
        return Promise.resolve();
      },
      { ...connection, concurrency: CONCURRENCY },
    );
    for (let i = 0; i < JOBS; i += BULK) {
      await queue.addBulk(Array.from({ length: Math.min(BULK, JOBS - i) }, () => ({ name: 'poll', data: payload })));
    }
    close = async () => { await worker.close(); await queue.close(); };
  } else {
    const queue = new JobQueue(ingestQueue, connection);
    const deadLetters = new DeadLetterQueue(connection);
    const worker = createQueueWorker({
      definition: ingestQueue,
      processor: () => {
        count();
        return Promise.resolve();
      },
      connection,
      deadLetters,
      logger: pino({ level: 'silent' }),
      concurrency: CONCURRENCY,
    });
    for (let i = 0; i < JOBS; i += BULK) {
      await queue.addBulk(Array.from({ length: Math.min(BULK, JOBS - i) }, () => ({ name: 'poll', payload })));
    }
    close = async () => { await worker.close(); await queue.close(); await deadLetters.close(); };
  }
  await finished;
  const seconds = (performance.now() - started) / 1000;
  await close();
  await cleanup(redis, prefix);
  await redis.quit();
  return JOBS / seconds;
}

async function cleanup(redis: Redis, prefix: string): Promise<void> {
  const match = `${prefix.replace(/[{}]/g, (c) => `\\${c}`)}*`;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

const rounds: { bare: number; engine: number }[] = [];
for (let round = 0; round < 3; round++) {
  const bare = await measure('bare');
  const engine = await measure('engine');
  rounds.push({ bare, engine });
}
const median = (values: number[]): number => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const bare = median(rounds.map((r) => r.bare));
const engine = median(rounds.map((r) => r.engine));
console.log(`queue-throughput: ${JOBS} no-op jobs, concurrency ${CONCURRENCY}, enqueue in bulks of ${BULK}, median of 3`);
console.log(`  bare BullMQ        ${bare.toFixed(0)} jobs/s`);
console.log(`  cosell queue base  ${engine.toFixed(0)} jobs/s`);
console.log(`  ratio              ${(engine / bare).toFixed(2)}`);
