import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import type { QueueDefinition } from './queue-definition.js';
import { defaultJobOptions, EVENT_STREAM_MAX_LEN } from './retention.js';
import { validatePayload } from './validate-payload.js';
import type { z } from 'zod';

export interface QueueConnection {
  connection: ConnectionOptions;
  /** The workspace's hash-tagged key prefix. */
  prefix: string;
}

export type EnqueueOptions = Pick<JobsOptions, 'jobId' | 'delay' | 'priority' | 'deduplication'>;

/** A BullMQ queue that only accepts payloads its definition allows (checked before anything is sent). */
export class JobQueue<Schema extends z.ZodType> {
  readonly definition: QueueDefinition<Schema>;
  readonly queue: Queue;

  constructor(definition: QueueDefinition<Schema>, { connection, prefix }: QueueConnection) {
    this.definition = definition;
    this.queue = new Queue(definition.name, {
      connection,
      prefix,
      defaultJobOptions: defaultJobOptions(definition.attempts),
      streams: { events: { maxLen: EVENT_STREAM_MAX_LEN } },
    });
  }

  add(jobName: string, payload: z.input<Schema>, options: EnqueueOptions = {}): Promise<string> {
    return this.addUnknown(jobName, payload, options);
  }

  /** For payloads of unknown type (a replay, an API request): validated all the same. */
  async addUnknown(jobName: string, payload: unknown, options: EnqueueOptions = {}): Promise<string> {
    const data = validatePayload(this.definition, payload, 'enqueue');
    const job = await this.queue.add(jobName, data, options);
    if (job.id === undefined) throw new Error(`queue "${this.definition.name}" returned no job id`);
    return job.id;
  }

  async addBulk(jobs: { name: string; payload: z.input<Schema>; options?: EnqueueOptions }[]): Promise<string[]> {
    const prepared = jobs.map((job) => ({
      name: job.name,
      data: validatePayload(this.definition, job.payload, 'enqueue'),
      opts: job.options ?? {},
    }));
    const added = await this.queue.addBulk(prepared);
    return added.map((job) => job.id ?? '');
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
