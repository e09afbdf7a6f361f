import type { ChainableCommander, Redis } from 'ioredis';

type LuaFunction = (...args: (string | number)[]) => unknown;

/**
 * A Lua script registered as an ioredis command: sent in full once per connection, then by its SHA
 * (EVALSHA), so a pipeline of thousands of calls does not carry the script text each time; ioredis resends
 * it when Redis has forgotten it (a restart). Define on the connection before creating pipelines from it.
 */
export class LuaCommand {
  readonly #name: string;
  /** Undefined: the caller passes the key count first (a script over a varying number of keys). */
  readonly #numberOfKeys: number | undefined;
  readonly #lua: string;

  constructor(name: string, numberOfKeys: number | undefined, lua: string) {
    this.#name = name;
    this.#numberOfKeys = numberOfKeys;
    this.#lua = lua;
  }

  /** Registers the command on a connection (once; pipelines copy the connection's commands when created). */
  defineOn(redis: Redis): void {
    if (typeof Reflect.get(redis, this.#name) !== 'function') redis.defineCommand(this.#name, this.#numberOfKeys === undefined ? { lua: this.#lua } : { numberOfKeys: this.#numberOfKeys, lua: this.#lua });
  }

  /** Runs it now on `redis`. */
  run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    this.defineOn(redis);
    return this.#call(redis, keys, args) as Promise<unknown>;
  }

  /** Queues it on a pipeline made from a connection it was defined on. */
  queue(pipeline: ChainableCommander, keys: readonly string[], args: readonly (string | number)[]): void {
    this.#call(pipeline, keys, args);
  }

  #call(target: Redis | ChainableCommander, keys: readonly string[], args: readonly (string | number)[]): unknown {
    const fn: unknown = Reflect.get(target, this.#name);
    if (typeof fn !== 'function') throw new Error(`Lua command ${this.#name} is not defined on this connection; call defineOn(redis) before creating the pipeline`);
    return (fn as LuaFunction).apply(target, [...keys, ...args]);
  }
}
