/**
 * Runs one `ts-pusher` command line: finds the command, parses and checks its arguments
 * (every problem at once), runs it and turns any error into a report and an exit code. It
 * writes through `CliIo`, so tests run it in-process; `bin.ts` wires it to the real process.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { isPusherError, pusherError, type PusherError } from '../errors';
import { usageProblem } from '../server/arguments';
import { isMissingPeer } from '../server/media-server';
import { parseArgs } from './args';
import { COMMANDS } from './commands';
import { GLOBAL, text, type CliIo, type Context } from './context';
import { COMMAND_HELP, EXIT, OVERVIEW, type ExitCode } from './help';
import { Problems, problemsOf } from './problems';

export type { CliIo } from './context';

/** The version in ts-pusher's package.json (two folders up from src/cli and dist/cli alike). */
function version(): string {
  try {
    return (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version?: string }).version || 'unknown';
  } catch {
    return 'unknown';
  }
}

/** One problem as `--json` prints it. */
function detailOf(error: PusherError): { code: string; message: string; messageZh: string; advice: string; adviceZh: string } {
  return { code: error.code, message: error.message, messageZh: error.messageZh, advice: error.advice, adviceZh: error.adviceZh };
}

/**
 * Reports an error in both languages with its exit code, every usage problem of the run at
 * once; `--json` gets one object on stdout whose `problems` lists them one by one.
 */
function fail(error: unknown, io: CliIo, json: boolean, command: string | undefined): ExitCode {
  const code: ExitCode = isMissingPeer(error)
    ? EXIT.MISSING_PEER
    : isPusherError(error) && error.code === 'INVALID_ARGUMENT'
      ? EXIT.USAGE
      : EXIT.FAILURE;
  const known = isPusherError(error) ? error : undefined;
  const message = known ? known.message : error instanceof Error ? error.message : String(error);
  const detail = known ? detailOf(known) : { code: 'UNEXPECTED', message, messageZh: message, advice: '', adviceZh: '' };
  const problems = known ? problemsOf(known).map(detailOf) : [detail];
  if (json) {
    io.out(JSON.stringify({ ok: false, exitCode: code, error: detail, problems }));
    return code;
  }
  for (const problem of problems) {
    io.err(`error: ${problem.message}`);
    if (problem.messageZh !== problem.message) io.err(`错误：${problem.messageZh}`);
    if (problem.advice) io.err(`  ${problem.advice} / ${problem.adviceZh}`);
  }
  if (code === EXIT.USAGE) io.err(`See: ts-pusher ${command ? command + ' ' : ''}--help`);
  if (code === EXIT.FAILURE && error instanceof Error && error.stack && !known) io.err(error.stack);
  return code;
}

/** A positional argument missing or one too many, by the names of the command's usage. */
function positionalProblems(command: string, wanted: readonly string[], given: readonly string[], problems: Problems): void {
  const usage = `${command}${wanted.map((name) => ' ' + name).join('')} [options]`;
  for (const name of wanted.slice(given.length)) {
    problems.add(name, usageProblem(`${command}: ${name} is missing`, `${command}：缺少 ${name}`, `Write ${usage}`, `请写成 ${usage}`));
  }
  for (const extra of given.slice(wanted.length)) {
    const shown = JSON.stringify(extra);
    problems.add(
      extra,
      usageProblem(`${command}: unexpected argument ${shown}`, `${command}：多余的参数 ${shown}`, `Write ${usage}`, `请写成 ${usage}`),
    );
  }
}

/** Runs `ts-pusher ARGV…` and resolves with its exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const json = argv.includes('--json');
  let name = argv[0];
  if (name === 'help') {
    // `ts-pusher help sign` is `ts-pusher sign --help`.
    return runCli(argv[1] ? [argv[1], '--help'] : ['--help'], io);
  }
  if (name === undefined || name.startsWith('-')) {
    if (argv.includes('--version')) {
      io.out(version());
      return EXIT.OK;
    }
    const help = argv.includes('--help') || argv.includes('-h');
    if (help || name === undefined) {
      (help ? io.out : io.err)(OVERVIEW);
      return help ? EXIT.OK : EXIT.USAGE;
    }
    name = '';
  }
  const command = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    const names = Object.keys(COMMANDS).join(', ');
    return fail(
      pusherError('INVALID_ARGUMENT', {
        method: 'ts-pusher',
        arg: 'command',
        expected: `one of ${names}`,
        expectedZh: `以下之一：${names}`,
        value: JSON.stringify(argv[0]),
      }),
      io,
      json,
      undefined,
    );
  }
  try {
    const full = `ts-pusher ${name}`;
    const problems = new Problems();
    const args = parseArgs(argv.slice(1), { ...command.options, ...GLOBAL }, full, problems);
    if (args.options.help) {
      io.out(COMMAND_HELP[name]);
      return EXIT.OK;
    }
    const lang = text(args, 'lang') === 'zh' ? 'zh' : 'en';
    positionalProblems(full, command.positionals, args.positionals, problems);
    const context: Context = { io, json: !!args.options.json, lang, name: full, t: (en, zh) => (lang === 'zh' ? zh : en) };
    // A command's own checks read its positionals: they run when those are all there.
    if (command.check && args.positionals.length === command.positionals.length) await command.check(args, context, problems);
    problems.throwIfAny();
    return await command.run(args, context);
  } catch (error) {
    return fail(error, io, json, name);
  }
}
