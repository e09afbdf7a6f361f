import { inspect } from 'node:util';

const REDACTED = '[redacted]';

/**
 * A resolved secret value. It prints, logs and serialises as "[redacted]", so a config object can be
 * logged or put in a job without leaking; only `reveal()` hands out the value, at the call that needs it.
 */
export class Secret {
  readonly #value: string;
  readonly source: string;

  constructor(value: string, source: string) {
    this.#value = value;
    this.source = source;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return `Secret(${this.source})`;
  }
}
