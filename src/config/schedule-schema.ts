import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import { parseDuration } from './duration.js';

export const SYNC_OBJECTS = ['account', 'opportunity', 'contact', 'user', 'partner'] as const;
export const SyncObject = z.enum(SYNC_OBJECTS);

/** Polls more often than this would spend API budget for nothing; webhooks cover the urgent cases. */
const MIN_POLL_MS = 10_000;

const Every = z.string().refine((text) => (parseDuration(text) ?? 0) >= MIN_POLL_MS, {
  error: 'a duration of at least 10s, written like 30s, 5m, 2h or 1d',
});

const Cron = z.string().refine(
  (text) => {
    try {
      CronExpressionParser.parse(text);
      return text.trim().split(/\s+/).length >= 5;
    } catch {
      return false;
    }
  },
  { error: 'a cron pattern of 5 or 6 fields, e.g. "*/15 * * * *"' },
);

/** When to poll a connection's objects: every N, or on a cron pattern (exactly one of them). */
export const Schedule = z
  .strictObject({
    connection: z.string().min(1),
    objects: z.array(SyncObject).min(1),
    every: Every.optional(),
    cron: Cron.optional(),
    timezone: z.string().min(1).optional(),
  })
  .superRefine((schedule, ctx) => {
    if ((schedule.every === undefined) === (schedule.cron === undefined)) {
      ctx.addIssue({ code: 'custom', path: [], message: 'exactly one of "every" or "cron"' });
    }
    if (schedule.timezone !== undefined && schedule.cron === undefined) {
      ctx.addIssue({ code: 'custom', path: ['timezone'], message: 'timezone only together with "cron"' });
    }
  });

export type SyncObject = z.infer<typeof SyncObject>;
export type Schedule = z.infer<typeof Schedule>;
