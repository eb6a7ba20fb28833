#!/usr/bin/env node
/** The `ts-pusher` executable: runs a command and exits with its code (see `ts-pusher --help`). */
import { processIo } from './process-io';
import { runCli } from './run';

runCli(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`ts-pusher: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 4;
  },
);
