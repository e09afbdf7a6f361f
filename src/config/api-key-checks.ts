import { createHash } from 'node:crypto';
import type { Secret } from './secret.js';

/** An API key is a password a machine keeps: shorter ones are refused. */
export const MIN_API_KEY_LENGTH = 16;

export interface ApiKeyIssue {
  /** The partner's index in `partners`. */
  index: number;
  expected: string;
  found: string;
}

/**
 * Checks the partners' resolved API keys: each long enough, and no two alike (a key two partners share
 * could not say whose data it may read). The findings name the variables, never the values.
 */
export function apiKeyIssues(partners: readonly { apiKey?: Secret | undefined }[]): ApiKeyIssue[] {
  const issues: ApiKeyIssue[] = [];
  const seen = new Map<string, number>();
  partners.forEach((partner, index) => {
    if (!partner.apiKey) return;
    const key = partner.apiKey.reveal();
    if (key.length < MIN_API_KEY_LENGTH) {
      issues.push({
        index,
        expected: `a key of at least ${MIN_API_KEY_LENGTH} random characters (e.g. from \`openssl rand -base64 32\`)`,
        found: `${partner.apiKey.source} holds ${key.length} characters`,
      });
      return;
    }
    const digest = createHash('sha256').update(key).digest('hex');
    const first = seen.get(digest);
    if (first === undefined) seen.set(digest, index);
    else issues.push({ index, expected: 'a key of this partner\'s own', found: `${partner.apiKey.source} holds the same key as partners[${first}].apiKey` });
  });
  return issues;
}
