import { closestOption, parseArgs, type OptionSpecs } from '../../src/cli/args';
import { Problems, UsageProblems } from '../../src/cli/problems';
import { isPusherError } from '../../src/errors';
import { invalid } from '../../src/server/arguments';

const SPECS: OptionSpecs = {
  domain: { type: 'string' },
  ttl: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

function usageMessage(argv: string[]): string {
  try {
    parseArgs(argv, SPECS, 'ts-pusher test');
  } catch (error) {
    expect(isPusherError(error) && error.code).toBe('INVALID_ARGUMENT');
    return (error as Error).message;
  }
  throw new Error('expected a usage error');
}

describe('parseArgs', () => {
  it('reads --name value, --name=value, flags and positionals in any order', () => {
    expect(parseArgs(['a', '--domain', 'x.com', '--json', '--ttl=60', 'b'], SPECS, 'c')).toEqual({
      options: { domain: 'x.com', json: true, ttl: '60' },
      positionals: ['a', 'b'],
    });
  });

  it('reads negative numbers as positionals, not flags', () => {
    expect(parseArgs(['-1307', '--json'], SPECS, 'c').positionals).toEqual(['-1307']);
    expect(parseArgs(['--', '-h'], SPECS, 'c')).toEqual({ options: {}, positionals: ['-h'] });
  });

  it('takes a negative number or a dash-led value as an option value', () => {
    expect(parseArgs(['--ttl', '-5'], SPECS, 'c').options.ttl).toBe('-5');
    expect(parseArgs(['--domain=--x'], SPECS, 'c').options.domain).toBe('--x');
  });

  it('knows short aliases', () => {
    expect(parseArgs(['-h'], SPECS, 'c').options.help).toBe(true);
  });

  it('keeps the last of a repeated option and an empty inline value', () => {
    expect(parseArgs(['--ttl', '1', '--ttl', '2', '--domain='], SPECS, 'c').options).toEqual({ ttl: '2', domain: '' });
  });

  it('refuses unknown long and short options, naming the known ones', () => {
    expect(usageMessage(['--nope'])).toContain('--domain, --ttl, --json, --help');
    expect(usageMessage(['-x'])).toContain('-x');
    expect(usageMessage(['-hx'])).toContain('-hx');
  });

  it('refuses a string option without a value, also when the next token is an option', () => {
    expect(usageMessage(['--domain'])).toContain('--domain');
    expect(usageMessage(['--domain', '--json'])).toContain('--domain');
  });

  it('refuses a value given to a flag', () => {
    expect(usageMessage(['--json=yes'])).toContain('--json');
  });

  it('reports every unknown option, missing value and refused value of one line together', () => {
    const specs: OptionSpecs = {
      ...SPECS,
      ttl: { type: 'string', check: (command, flag, value) => /^\d+$/.test(value) || invalid(command, flag, 'seconds', '秒数', value) },
    };
    let caught: unknown;
    try {
      parseArgs(['--nope', '--ttl', 'soon', '-x', '--json=yes', '--domain'], specs, 'ts-pusher test');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UsageProblems);
    expect((caught as UsageProblems).problems.map((problem) => problem.message)).toEqual([
      'ts-pusher test: unknown option --nope (known: --domain, --ttl, --json, --help)',
      'ts-pusher test: --ttl must be seconds, got "soon"',
      'ts-pusher test: unknown option -x (known: --domain, --ttl, --json, --help)',
      'ts-pusher test: --json takes no value, got --json=yes',
      'ts-pusher test: --domain needs a value',
    ]);
    for (const problem of (caught as UsageProblems).problems) expect(problem.messageZh).toMatch(/^ts-pusher test：/);
  });

  it('leaves a refused value out and records it in the collector given', () => {
    const problems = new Problems();
    const specs: OptionSpecs = {
      ttl: { type: 'string', check: (command, flag, value) => /^\d+$/.test(value) || invalid(command, flag, 'seconds', '秒数', value) },
    };
    expect(parseArgs(['--ttl', 'soon'], specs, 'c', problems).options).toEqual({});
    expect(problems.about('--ttl')).toBe(true);
    expect(() => problems.throwIfAny()).toThrow('c: --ttl must be seconds, got "soon"');
  });

  it('suggests the option a misspelt one meant and takes the value that followed as its value', () => {
    const problems = new Problems();
    const parsed = parseArgs(['--domian', 'push.example.com', '--tll', '60', 'rest'], SPECS, 'ts-pusher test', problems);
    expect(parsed).toEqual({ options: {}, positionals: ['rest'] });
    expect(() => problems.throwIfAny()).toThrow(
      'ts-pusher test: unknown option --domian; did you mean --domain?; ts-pusher test: unknown option --tll; did you mean --ttl?',
    );
    // Recorded against the option meant, so a command does not add "--domain is missing" too.
    expect(problems.about('--domain')).toBe(true);
  });

  it('suggests a boolean option without taking the next token, and only for long options', () => {
    const problems = new Problems();
    expect(parseArgs(['--jsno', 'a', '-j'], SPECS, 'c', problems).positionals).toEqual(['a']);
    let caught: unknown;
    try {
      problems.throwIfAny();
    } catch (error) {
      caught = error;
    }
    const messages = (caught as UsageProblems).problems.map((problem) => [problem.message, problem.messageZh, problem.advice]);
    expect(messages).toEqual([
      ['c: unknown option --jsno; did you mean --json?', 'c：未知选项 --jsno；是不是想写 --json？', 'Write --json'],
      [
        'c: unknown option -j (known: --domain, --ttl, --json, --help)',
        'c：未知选项 -j（可用：--domain, --ttl, --json, --help）',
        'Use one of --domain, --ttl, --json, --help',
      ],
    ]);
  });

  it('suggests only one clear candidate: near by edits or the one option a prefix names', () => {
    const names = ['domain', 'play-domain', 'stream', 'key', 'ttl', 'tx-time', 'expires', 'rtmp-port', 'http-port'];
    expect(closestOption('domian', names)).toBe('domain');
    expect(closestOption('DOMAIN', names)).toBe('domain');
    expect(closestOption('stram', names)).toBe('stream');
    expect(closestOption('kye', names)).toBe('key');
    expect(closestOption('exp', names)).toBe('expires');
    expect(closestOption('rtmp-prot', names)).toBe('rtmp-port');
    expect(closestOption('ttp-port', names)).toBe('http-port');
    // Two candidates equally near, or a prefix of two: no guess.
    expect(closestOption('port', ['sort', 'fort'])).toBeUndefined();
    expect(closestOption('ex', ['expires', 'explain'])).toBeUndefined();
    expect(closestOption('nope', names)).toBeUndefined();
    expect(closestOption('t', names)).toBeUndefined();
  });

  it('does not take inherited object keys as options', () => {
    expect(usageMessage(['--constructor'])).toContain('--constructor');
  });
});
