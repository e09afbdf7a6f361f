/**
 * Keys whose values are secrets wherever they appear in a log object. pino's redaction needs explicit
 * paths, so each key is listed at the depths our log calls use (top, one and two levels down).
 */
const SECRET_KEYS = [
  'password',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'clientSecret',
  'client_secret',
  'securityToken',
  'apiKey',
  'secret',
  'authorization',
  'Authorization',
  'cookie',
  'set-cookie',
];

export const REDACTED = '[redacted]';

export const REDACT_PATHS: string[] = SECRET_KEYS.flatMap((key) => {
  const prop = /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `["${key}"]`;
  return [prop.slice(prop.startsWith('.') ? 1 : 0), `*${prop}`, `*.*${prop}`, `*.*.*${prop}`];
});

/**
 * Replaces every known secret value in a finished log line: the last guard for a secret that slipped
 * into a message string or an unlisted key (a token echoed in an error text, a URL with a query).
 */
export class SecretScrubber {
  readonly #needles = new Set<string>();

  /** Values shorter than this are too likely to appear by chance to be scrubbed meaningfully. */
  static readonly MIN_LENGTH = 6;

  add(value: string): void {
    if (value.length < SecretScrubber.MIN_LENGTH) return;
    this.#needles.add(value);
    // In a JSON log line the value appears with its quotes and backslashes escaped.
    this.#needles.add(JSON.stringify(value).slice(1, -1));
  }

  scrub(line: string): string {
    let out = line;
    for (const needle of this.#needles) {
      if (out.includes(needle)) out = out.split(needle).join(REDACTED);
    }
    return out;
  }
}
