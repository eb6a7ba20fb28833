/** The real process as the CLI sees it: stdout, stderr, the environment, and what stops it. */
import type { CliIo } from './context';

/** The real process: stdout, stderr, the environment, SIGINT and SIGTERM. */
export function processIo(): CliIo {
  return {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    env: process.env,
    untilStopped: () =>
      new Promise((resolve) => {
        let signals = 0;
        const onSignal = (signal: NodeJS.Signals): void => {
          signals++;
          // The first signal stops cleanly; a second one means "now".
          if (signals === 1) resolve(signal);
          else process.exit(signal === 'SIGINT' ? 130 : 143);
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
      }),
  };
}
