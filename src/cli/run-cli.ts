import { CommanderError } from 'commander';
import { ConfigError } from '../config/config-error.js';
import { LinkError } from '../engine/link-error.js';
import { MappingNotFoundError } from '../engine/mapping-not-found-error.js';
import { MappingsInvalidError } from '../mappings/mappings-invalid-error.js';
import { DeadLetterNotFoundError } from '../queues/dead-letter-not-found-error.js';
import { InvalidJobPayloadError } from '../queues/invalid-job-payload-error.js';
import { StateVersionError } from '../state/state-version-error.js';
import { EXIT } from './exit-codes.js';
import { buildProgram } from './program.js';
import { UsageError } from './usage-error.js';

/**
 * Errors caused by what the user gave us (or a workspace a newer build runs): exit 2, message only, no stack trace. Each class lives in a small module
 * of its own, so this list loads no command's implementation.
 */
const BAD_INPUT = [ConfigError, MappingsInvalidError, MappingNotFoundError, LinkError, UsageError, DeadLetterNotFoundError, InvalidJobPayloadError, StateVersionError];

export async function runCli(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv]);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with code 0; usage errors were already printed.
      return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    }
    if (BAD_INPUT.some((kind) => error instanceof kind)) {
      console.error(error instanceof Error ? error.message : String(error));
      return EXIT.badInput;
    }
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return EXIT.failure;
  }
}
