import { describe, expect, it } from 'vitest';
import { collectSecrets } from '../../src/config/collect-secrets.js';
import { ConfigError } from '../../src/config/config-error.js';
import { parseWorkspace } from '../../src/config/load-workspace.js';
import { Secret } from '../../src/config/secret.js';
import { CaptureStream } from '../helpers/capture-stream.js';
import { createRootLogger } from '../../src/logging/logger.js';
import { SecretScrubber } from '../../src/logging/redaction.js';

const partner = (id: string, apiKey: string) => `
  - id: ${id}
    name: ${id}
    persona: si
    tier: gold
    region: emea
    connection: { kind: hubspot, auth: { type: private-app, token: { env: TOKEN } } }
    apiKey: ${apiKey}`;

const file = (...partners: string[]): string =>
  `version: 1\nworkspace: { id: acme, name: Acme }\nvendor: { name: Acme, connection: { kind: hubspot, auth: { type: private-app, token: { env: TOKEN } } } }\npartners:${partners.join('')}\n`;

const ENV: Record<string, string> = {
  TOKEN: 'pat-token-1234567',
  NW_KEY: 'nw-api-key-a1b2c3d4e5f6',
  GX_KEY: 'gx-api-key-a1b2c3d4e5f6',
  SHORT_KEY: 'tiny-key',
  COPY_OF_NW: 'nw-api-key-a1b2c3d4e5f6',
};
const env = (name: string): string | undefined => ENV[name];

function problemsOf(text: string): string[] {
  try {
    parseWorkspace('inline.yaml', text, { env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${String(p.line)}:${p.path}: ${p.expected} / ${p.found}`);
    throw error;
  }
  return [];
}

describe('partners[].apiKey', () => {
  it('given { env: NAME }, then it resolves to a Secret the log scrubber is taught', () => {
    const workspace = parseWorkspace('inline.yaml', file(partner('northwind', '{ env: NW_KEY }')), { env });
    const key = workspace.partners[0]?.apiKey;
    expect(key).toBeInstanceOf(Secret);
    expect(key?.reveal()).toBe(ENV.NW_KEY);
    expect(JSON.stringify(workspace)).not.toContain(ENV.NW_KEY);
    expect(collectSecrets(workspace).map((s) => s.source)).toContain('NW_KEY');

    const scrubber = new SecretScrubber();
    for (const secret of collectSecrets(workspace)) scrubber.add(secret.reveal());
    const out = new CaptureStream();
    createRootLogger({ level: 'info', scrubber, destination: out }).info(`request with key ${ENV.NW_KEY ?? ''}`);
    expect(out.text()).not.toContain(ENV.NW_KEY);
  });

  it('given no apiKey, then the partner has none (the API refuses every key for it)', () => {
    const text = file(partner('northwind', '{ env: NW_KEY }')).replace('    apiKey: { env: NW_KEY }', '');
    expect(parseWorkspace('inline.yaml', text, { env }).partners[0]?.apiKey).toBeUndefined();
  });

  it('given a key shorter than 16 characters, then a problem at its line naming the variable, not the value', () => {
    const problems = problemsOf(file(partner('northwind', '{ env: SHORT_KEY }')));
    expect(problems).toEqual([expect.stringMatching(/^11:partners\[0\]\.apiKey: a key of at least 16 random characters.* \/ SHORT_KEY holds 8 characters$/)]);
    expect(problems.join()).not.toContain('tiny-key');
  });

  it('given two variables holding the same key, then a problem on the second', () => {
    const problems = problemsOf(file(partner('northwind', '{ env: NW_KEY }'), partner('globex', '{ env: COPY_OF_NW }')));
    expect(problems).toEqual([expect.stringContaining("partners[1].apiKey: a key of this partner's own / COPY_OF_NW holds the same key as partners[0].apiKey")]);
  });

  it('given --skip-env, then keys are not checked (their values are unknown)', () => {
    const text = file(partner('northwind', '{ env: SHORT_KEY }'), partner('globex', '{ env: GX_KEY }'));
    expect(() => parseWorkspace('inline.yaml', text, { skipSecrets: true })).not.toThrow();
  });
});
