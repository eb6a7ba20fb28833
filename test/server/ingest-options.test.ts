/** startIngest's checks that run before any socket is opened. */
import { createServer } from 'net';
import { isPusherError } from '../../src/errors';
import { startIngest, type IngestOptions } from '../../src/server/ingest';
import { lanAddress, probePort, urlHost } from '../../src/server/network';

describe('startIngest refuses bad options with INVALID_ARGUMENT before listening', () => {
  it.each<[string, IngestOptions]>([
    ['an empty key', { key: '' }],
    ['a bad app', { app: 'live/x' }],
    ['a negative port', { rtmpPort: -1 }],
    ['a fractional port', { httpPort: 80.5 }],
    ['a port as text', { rtmpPort: '1935' as unknown as number }],
    ['equal ports', { rtmpPort: 5000, httpPort: 5000 }],
    ['an unknown log level', { mediaLogLevel: 'loud' as IngestOptions['mediaLogLevel'] }],
    ['an empty host', { host: '' }],
    ['lan together with host', { lan: true, host: '127.0.0.1' }],
  ])('%s', async (_name, options) => {
    const error: unknown = await startIngest(options).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isPusherError(error) && error.code).toBe('INVALID_ARGUMENT');
  });
});

describe('network helpers', () => {
  it('brackets IPv6 literals for URLs only', () => {
    expect(urlHost('::1')).toBe('[::1]');
    expect(urlHost('[::1]')).toBe('[::1]');
    expect(urlHost('127.0.0.1')).toBe('127.0.0.1');
  });

  it('finds a free loopback port and reports a taken one', async () => {
    const port = await probePort('127.0.0.1', 0);
    expect(port).toBeGreaterThan(0);
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(port, '127.0.0.1', done));
    try {
      await expect(probePort('127.0.0.1', port)).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await new Promise<void>((done) => blocker.close(() => done()));
    }
    expect(await probePort('127.0.0.1', port)).toBe(port);
  });

  it('reads a LAN address as IPv4 text, or nothing', () => {
    const address = lanAddress();
    expect(address === undefined || /^\d+\.\d+\.\d+\.\d+$/.test(address)).toBe(true);
  });
});
