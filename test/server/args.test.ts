import { parseArgs, type OptionSpecs } from '../../src/cli/args';
import { isPusherError } from '../../src/errors';

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

  it('does not take inherited object keys as options', () => {
    expect(usageMessage(['--constructor'])).toContain('--constructor');
  });
});
