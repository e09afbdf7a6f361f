import { Connection } from 'jsforce';
import type { SalesforceConnection } from '../../src/config/connection-schema.js';
import type { Resolved } from '../../src/config/resolve-secrets.js';
import type { Logger } from '../../src/logging/logger.js';
import { CrmRequestError } from '../shared/crm-request-error.js';
import { ReconnectRequiredError } from '../shared/deferral-errors.js';
import type { SharedTokenStore, StoredToken } from '../shared/shared-token-store.js';
import { loginOnce, refusalCode } from './salesforce-login.js';

/**
 * The jsforce connection of one Salesforce connection, with its session shared by every worker process:
 * the first process to need a session (or to meet an expired one) logs in under the shared token store's
 * lock, the others reuse the stored session. jsforce calls our refresh function on a 401 and repeats the
 * request once; a refused login is remembered as `refusal`, because jsforce rewraps the error without its code.
 */
export class SalesforceSession {
  readonly #settings: Resolved<SalesforceConnection>;
  readonly #connectionId: string;
  readonly #store: SharedTokenStore;
  readonly #logger: Logger;
  #connection: Promise<Connection> | undefined;
  refusal: ReconnectRequiredError | undefined;
  logins = 0;

  constructor(options: { connectionId: string; settings: Resolved<SalesforceConnection>; store: SharedTokenStore; logger: Logger }) {
    this.#settings = options.settings;
    this.#connectionId = options.connectionId;
    this.#store = options.store;
    this.#logger = options.logger;
  }

  /** The connection, logged in (or resumed from the shared session) on first use. */
  connection(): Promise<Connection> {
    this.#connection ??= this.#open().catch((error: unknown) => {
      this.#connection = undefined;
      throw error;
    });
    return this.#connection;
  }

  async #open(): Promise<Connection> {
    const token = await this.#fresh(undefined);
    return new Connection({
      instanceUrl: token.instanceUrl ?? this.#settings.loginUrl,
      accessToken: token.accessToken,
      version: this.#settings.apiVersion,
      refreshFn: (conn, callback) => {
        this.#fresh(conn.accessToken ?? undefined).then(
          (fresh) => {
            if (fresh.instanceUrl) conn.instanceUrl = fresh.instanceUrl;
            callback(undefined, fresh.accessToken);
          },
          (error: unknown) => {
            callback(error instanceof Error ? error : new Error(String(error)));
          },
        );
      },
    });
  }

  /** A session newer than `stale`: another process's, or a new login by this one. */
  async #fresh(stale: string | undefined): Promise<StoredToken> {
    const token = await this.#store.refreshOnce(stale, async () => {
      const rotated = (await this.#store.current())?.refreshToken;
      this.logins += 1;
      try {
        // A rotated refresh token is tried first; the configured one again if it was refused (an admin reconnected).
        const fresh = await loginOnce(this.#settings, rotated).catch((error: unknown) => {
          if (rotated === undefined || refusalCode(error) === undefined) throw error;
          return loginOnce(this.#settings, undefined);
        });
        this.refusal = undefined;
        this.#logger.info({ connection: this.#connectionId, instanceUrl: fresh.instanceUrl }, 'Salesforce session opened');
        return fresh;
      } catch (error) {
        throw this.#loginError(error);
      }
    });
    return token;
  }

  #loginError(error: unknown): Error {
    const code = refusalCode(error);
    const detail = error instanceof Error ? error.message : String(error);
    if (code !== undefined) {
      this.refusal = new ReconnectRequiredError(this.#connectionId, code, `login refused: ${detail}`, { cause: error });
      return this.refusal;
    }
    return new CrmRequestError(
      { connectionId: this.#connectionId, operation: `log in at ${this.#settings.loginUrl}`, httpStatus: undefined, crmCode: 'LOGIN_FAILED', crmMessage: detail, rule: { disposition: 'retry', reason: 'the login endpoint could not be reached or failed' } },
      { cause: error },
    );
  }
}
