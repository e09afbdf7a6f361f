import { z } from 'zod';
import { Connection } from './connection-schema.js';
import { Identifier, Partner } from './partner-schema.js';
import { Populations } from './population-schema.js';
import { Schedule } from './schedule-schema.js';
import { Territories } from './territory-schema.js';
import { SecretReference } from './secret-reference.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const RedisSettings = z
  .strictObject({
    url: z
      .string()
      .regex(/^rediss?:\/\//, { error: 'a redis:// or rediss:// URL' })
      .default('redis://127.0.0.1:6379'),
    password: SecretReference.optional(),
  })
  .superRefine((redis, ctx) => {
    // A password inside the URL would sit in the file in clear; it belongs in an environment variable.
    if (/^rediss?:\/\/[^/@]*:[^/@]+@/.test(redis.url)) {
      ctx.addIssue({
        code: 'custom',
        path: ['url'],
        message: 'a URL without a password; put the password in redis.password as { env: NAME }',
      });
    }
  });

/** The partner program's vocabulary; when given, every partner's tier and region must come from it. */
const Program = z.strictObject({
  tiers: z.array(z.string().min(1)).min(1).optional(),
  regions: z.array(z.string().min(1)).min(1).optional(),
});

/** The HTTP server (`cosell serve`): dashboard, API, webhooks, health and metrics. */
const ServerSettings = z.strictObject({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(8080),
  /** The address CRMs call (behind a proxy or load balancer); webhook signatures cover the full URL. */
  publicUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** The admin login for /admin and /admin/queues. */
  admin: z.strictObject({
    username: z.string().min(1),
    password: SecretReference,
  }),
});

export const Workspace = z
  .strictObject({
    version: z.literal(1, { error: '1 (the only format this release reads)' }),
    workspace: z.strictObject({
      id: Identifier,
      name: z.string().min(1),
    }),
    redis: RedisSettings.default({ url: 'redis://127.0.0.1:6379' }),
    program: Program.optional(),
    vendor: z.strictObject({
      name: z.string().min(1),
      connection: Connection,
    }),
    partners: z.array(Partner).default([]),
    /** Account populations for overlap reports (customers, prospects, …), the same for vendor and partners. */
    populations: Populations,
    /** Rep mapping: who covers which accounts on the vendor's side and on each partner's. */
    territories: Territories,
    schedules: z.array(Schedule).default([]),
    server: ServerSettings.optional(),
    logging: z.strictObject({ level: z.enum(LOG_LEVELS).default('info') }).default({ level: 'info' }),
  });

export type WorkspaceFile = z.infer<typeof Workspace>;
