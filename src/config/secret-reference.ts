import { z } from 'zod';

/** Environment variable names as POSIX shells accept them. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Secrets never live in the workspace file: a secret field holds `{ env: NAME }`, resolved at start-up.
 * A plain string is refused with a message that says how to write the reference instead.
 */
export const SecretReference = z.custom<{ env: string }>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1 &&
    typeof (value as { env?: unknown }).env === 'string' &&
    ENV_NAME.test((value as { env: string }).env),
  {
    message:
      'a reference to an environment variable, written { env: NAME } (secrets are never written in the file)',
  },
);

export type SecretReference = z.infer<typeof SecretReference>;
