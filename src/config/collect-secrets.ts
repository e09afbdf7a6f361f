import { Secret } from './secret.js';

/** Every resolved secret inside a (resolved) configuration value, e.g. to teach the log scrubber. */
export function collectSecrets(value: unknown, found: Secret[] = []): Secret[] {
  if (value instanceof Secret) found.push(value);
  else if (Array.isArray(value)) for (const item of value) collectSecrets(item, found);
  else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) collectSecrets(item, found);
  }
  return found;
}
