import { z } from 'zod';
import { NO_FAULTS, type FaultSettings } from '../fault-settings.js';

/** What the sandbox can be told to do differently at runtime: faults, session lifetime, the daily API limit. */
export interface SandboxSettings {
  faults: FaultSettings;
  /** A session expires after this long without a request (Salesforce's default timeout is 2 hours). */
  sessionTtlMs: number;
  /** Requests per rolling 24 hours before REQUEST_LIMIT_EXCEEDED. */
  dailyApiLimit: number;
  /** Query cursors one user may hold open; opening one more releases the oldest (Salesforce: 10). */
  maxOpenCursorsPerUser: number;
}

export const DEFAULT_SETTINGS: SandboxSettings = {
  faults: NO_FAULTS,
  sessionTtlMs: 2 * 60 * 60 * 1000,
  dailyApiLimit: 100_000,
  maxOpenCursorsPerUser: 10,
};

const Faults = z.strictObject({
  latencyMs: z.number().min(0).max(60_000),
  errorRate: z.number().min(0).max(1),
  seed: z.number().int(),
});

export const SettingsPatch = z.strictObject({
  faults: Faults.partial().optional(),
  sessionTtlMs: z.number().int().min(1).optional(),
  dailyApiLimit: z.number().int().min(0).optional(),
  maxOpenCursorsPerUser: z.number().int().min(1).max(1000).optional(),
});
export type SettingsPatch = z.input<typeof SettingsPatch>;

/** Applies a checked change to settings; a bad value is refused with what was expected. */
export function applySettings(current: SandboxSettings, patch: SettingsPatch): SandboxSettings {
  const result = SettingsPatch.safeParse(patch);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid sandbox settings: ${problems.join('; ')}`);
  }
  const change = result.data;
  return {
    faults: { ...current.faults, ...change.faults },
    sessionTtlMs: change.sessionTtlMs ?? current.sessionTtlMs,
    dailyApiLimit: change.dailyApiLimit ?? current.dailyApiLimit,
    maxOpenCursorsPerUser: change.maxOpenCursorsPerUser ?? current.maxOpenCursorsPerUser,
  };
}
