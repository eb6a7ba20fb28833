/** Addresses and ports for the local ingest. */
import { createServer } from 'net';
import { networkInterfaces } from 'os';
import { pusherError } from '../errors';

/** The first non-internal IPv4 address of this machine (what a phone on the same Wi-Fi reaches), if any. */
export function lanAddress(): string | undefined {
  const interfaces = networkInterfaces();
  for (const name of Object.keys(interfaces)) {
    for (const address of interfaces[name] || []) {
      // Node 18.0–18.3 reported `family` as the number 4.
      const family = address.family as string | number;
      if (!address.internal && (family === 'IPv4' || family === 4)) return address.address;
    }
  }
  return undefined;
}

/**
 * Listens on `host:port` and closes again: resolves with the port actually bound (a free one
 * when `port` is 0), rejects with the listen error (`EADDRINUSE`, `EADDRNOTAVAIL`, …).
 */
export function probePort(host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      server.close(() => resolve(bound));
    });
  });
}

/** `host` as it goes into a URL: IPv6 literals in brackets. */
export function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/**
 * `probePort`, refusing with `INVALID_ARGUMENT` where node-media-server would exit the process:
 * a port in use or forbidden is a problem of `portArg`, any other listen error (an address not
 * on this machine, a name that does not resolve) of `hostArg`.
 */
export async function checkListen(method: string, hostArg: string, portArg: string, host: string, port: number): Promise<number> {
  try {
    return await probePort(host, port);
  } catch (error) {
    const code = String((error as { code?: unknown }).code || error);
    const onPort = code === 'EADDRINUSE' || code === 'EACCES';
    const [expected, expectedZh] = onPort
      ? code === 'EADDRINUSE'
        ? [`a free port on ${host}`, `${host} 上的空闲端口`]
        : ['a port this user may listen on (below 1024 needs privileges)', '当前用户可监听的端口（1024 以下需要权限）']
      : ['an address of this machine', '本机的地址'];
    const value = onPort ? `${port} (${code})` : `${JSON.stringify(host)} (${code})`;
    throw pusherError('INVALID_ARGUMENT', { method, arg: onPort ? portArg : hostArg, expected, expectedZh, value }, error);
  }
}
