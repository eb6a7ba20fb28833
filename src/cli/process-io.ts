/** The real process as the CLI sees it: stdout, stderr, the environment, and what stops it. */
import { PARENT_EXITED, type CliIo } from './context';

/** How often the parent is looked for (a process cannot be told when its parent exits). */
const PARENT_POLL_MS = 500;

/** Writes a line, ignoring a reader that went away (EPIPE) instead of crashing mid-stop. */
function writer(stream: NodeJS.WriteStream): (line: string) => void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  return (line) => {
    if (!stream.destroyed) stream.write(line + '\n');
  };
}

/**
 * The real process: stdout, stderr, the environment; stopped by SIGINT, SIGTERM, or its parent
 * exiting. `npx ts-pusher ingest` runs under npx, which may exit on SIGTERM without passing it
 * on: the ingest then sees its parent change (it is re-parented) and stops as on SIGTERM.
 */
export function processIo(): CliIo {
  return {
    out: writer(process.stdout),
    err: writer(process.stderr),
    env: process.env,
    untilStopped: () =>
      new Promise((resolve) => {
        let stops = 0;
        const parent = process.ppid;
        const stop = (reason: string, exitCode: number): void => {
          stops++;
          clearInterval(watch);
          // The first stop is clean; a second signal means "now".
          if (stops === 1) resolve(reason);
          else if (reason !== PARENT_EXITED) process.exit(exitCode);
        };
        const watch = setInterval(() => {
          if (process.ppid !== parent) stop(PARENT_EXITED, 143);
        }, PARENT_POLL_MS);
        watch.unref();
        process.on('SIGINT', (signal) => stop(signal, 130));
        process.on('SIGTERM', (signal) => stop(signal, 143));
      }),
  };
}
