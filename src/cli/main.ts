import { EXIT } from './exit-codes.js';
import { runCli } from './run-cli.js';

const code = await runCli(process.argv);
// Long-running commands (worker) keep the process alive through their handles; the rest end by themselves.
if (code !== EXIT.ok) process.exit(code);
