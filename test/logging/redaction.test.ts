import { describe, expect, it } from 'vitest';
import { collectSecrets } from '../../src/config/collect-secrets.js';
import { parseWorkspace } from '../../src/config/load-workspace.js';
import { Secret } from '../../src/config/secret.js';
import { createRootLogger, jobLogger } from '../../src/logging/logger.js';
import { SecretScrubber } from '../../src/logging/redaction.js';
import { CaptureStream } from '../helpers/capture-stream.js';

const SECRETS = {
  password: 'pw-Tr0ub4dor&3',
  token: 'pat-na1-11111111-2222-3333-4444-555555555555',
  authorization: 'Bearer 00D5g000004XyZ!AQ0AQ.sessiontoken',
  clientSecret: 'cs-9f8e7d6c5b4a',
  refreshToken: '5Aep861TSESvWeug_xvFHRBTTbf_YrTWgEyjBJ',
  securityToken: 'st-QwErTy123456',
  accessToken: 'CJSP5qf1LhICAQEYs-gDIIGOBii1hQIyGQAf3xBKmlwHjX7OIpuIFEavB2-qYAGQsF4',
};

function setup(scrubber?: SecretScrubber): { logger: ReturnType<typeof createRootLogger>; out: CaptureStream } {
  const out = new CaptureStream();
  const logger = createRootLogger({ level: 'trace', destination: out, ...(scrubber ? { scrubber } : {}) });
  return { logger, out };
}

describe('log redaction', () => {
  it('given secrets under the usual keys at several depths, when logged, then none appears in the output', () => {
    const { logger, out } = setup();
    logger.info({ password: SECRETS.password, token: SECRETS.token }, 'top level');
    logger.info({ auth: { clientSecret: SECRETS.clientSecret, refreshToken: SECRETS.refreshToken } }, 'nested');
    logger.info({ req: { headers: { authorization: SECRETS.authorization } } }, 'request headers');
    logger.info({ conn: { oauth: { accessToken: SECRETS.accessToken, securityToken: SECRETS.securityToken } } }, 'deep');
    jobLogger(logger, { queue: 'ingest', jobId: '1' }).warn({ password: SECRETS.password }, 'child logger');

    const text = out.text();
    for (const [name, value] of Object.entries(SECRETS)) expect(text, name).not.toContain(value);
    expect(text.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(8);
  });

  it('given a Secret object anywhere in a log object, then it prints as [redacted]', () => {
    const { logger, out } = setup();
    const secret = new Secret(SECRETS.token, 'HUBSPOT_TOKEN');
    logger.info({ config: { whatever: { deeply: { nested: secret } } }, list: [secret] }, 'config');
    expect(out.text()).not.toContain(SECRETS.token);
    expect(out.lines()[0]).toMatchObject({ list: ['[redacted]'] });
  });

  it('given the workspace secrets taught to the scrubber, then they vanish even from messages and errors', () => {
    const workspace = parseWorkspace(
      'inline.yaml',
      [
        'version: 1',
        'workspace: {id: acme, name: Acme}',
        'vendor: {name: A, connection: {kind: hubspot, auth: {type: private-app, token: {env: HS}}}}',
        'partners:',
        '  - {id: p1, name: P, persona: si, tier: gold, region: emea,',
        '     connection: {kind: salesforce, auth: {type: username-password, username: u@x.io, password: {env: PW}}}}',
      ].join('\n'),
      { env: (name) => (name === 'HS' ? SECRETS.token : `${SECRETS.password}"quoted\\`) },
    );
    const scrubber = new SecretScrubber();
    for (const secret of collectSecrets(workspace)) scrubber.add(secret.reveal());
    const { logger, out } = setup(scrubber);

    logger.error(`calling https://api.example/crm?access=${SECRETS.token} failed`);
    logger.error({ err: new Error(`login refused for password ${SECRETS.password}"quoted\\`) }, 'login');
    logger.info({ unlistedKey: SECRETS.token, workspace }, 'everything');

    const text = out.text();
    expect(text).not.toContain(SECRETS.token);
    expect(text).not.toContain(SECRETS.password);
    expect(out.lines()).toHaveLength(3);
    expect(text).toContain('[redacted]');
  });

  it('given a value shorter than six characters, then the scrubber ignores it (too likely by chance)', () => {
    const scrubber = new SecretScrubber();
    scrubber.add('abc');
    expect(scrubber.scrub('{"msg":"abc abc"}')).toBe('{"msg":"abc abc"}');
  });
});
