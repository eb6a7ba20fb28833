/**
 * ffmpeg / ffprobe from the registry packages that ship the binaries, run with hard time
 * limits; every child is tracked so a failing test still leaves no process behind.
 */
import { spawn, type ChildProcess } from 'child_process';
import { chmodSync, statSync } from 'fs';
import { createServer } from 'net';

/** A binary from an installer package; npm 11 skips install scripts, so the exec bit is checked here. */
function binary(pkg: '@ffmpeg-installer/ffmpeg' | '@ffprobe-installer/ffprobe'): string {
  const path = (require(pkg) as { path: string }).path;
  if ((statSync(path).mode & 0o111) === 0) chmodSync(path, 0o755);
  return path;
}

export const FFMPEG = binary('@ffmpeg-installer/ffmpeg');
export const FFPROBE = binary('@ffprobe-installer/ffprobe');

const children = new Set<ChildProcess>();

/** How a child process ended. */
export interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Wall time from spawn to exit. */
  readonly ms: number;
  /** True when the time limit killed it. */
  readonly timedOut: boolean;
}

/** A running child with its end. */
export interface Running {
  readonly child: ChildProcess;
  readonly done: Promise<Finished>;
  /** stdout so far. */
  stdout(): string;
}

/** Spawns a tracked child, killed with SIGKILL after `timeoutMs`. */
export function start(file: string, args: readonly string[], timeoutMs: number, env?: NodeJS.ProcessEnv): Running {
  const begin = Date.now();
  const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], env: env || process.env });
  children.add(child);
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  const done = new Promise<Finished>((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - begin, timedOut });
    });
  });
  return { child, done, stdout: () => stdout };
}

/** Kills whatever is still running (afterAll). */
export function killAll(): void {
  for (const child of children) child.kill('SIGKILL');
}

/** Pushes `seconds` of test pattern (H.264 + AAC) to `url`, as the brief prescribes. */
export function push(url: string, seconds: number): Running {
  return start(
    FFMPEG,
    [
      '-hide_banner',
      '-nostdin',
      '-loglevel',
      'error',
      '-re',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=320x240:rate=15',
      '-f',
      'lavfi',
      '-i',
      'sine',
      '-t',
      String(seconds),
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-c:a',
      'aac',
      '-f',
      'flv',
      url,
    ],
    seconds * 1000 + 15000,
  );
}

/** Frame rate and width of `pushCounted`'s pattern. */
export const COUNTED = { fps: 15, width: 320, height: 240 } as const;

/**
 * Pushes `seconds` of a test pattern a browser decodes (4:2:0 H.264 with a 2 s GOP, as a phone
 * sends, + AAC) whose top 16 rows carry the frame number in 12 blocks of 20 pixels (block i
 * white = bit i): a picture tells which frame it is, so its display time can be compared with
 * when that frame was pushed.
 */
export function pushCounted(url: string, seconds: number): Running {
  const bits = "geq=lum='if(lt(Y\\,16)*lt(X\\,240)\\,255*mod(floor(N/pow(2\\,floor(X/20)))\\,2)\\,lum(X\\,Y))':cb='cb(X,Y)':cr='cr(X,Y)'";
  const { fps, width, height } = COUNTED;
  return start(
    FFMPEG,
    [
      ...[
        '-hide_banner',
        '-nostdin',
        '-loglevel',
        'error',
        '-re',
        '-f',
        'lavfi',
        '-i',
        `testsrc=size=${width}x${height}:rate=${fps}`,
        '-f',
        'lavfi',
        '-i',
        'sine',
        '-t',
        String(seconds),
      ],
      ...[
        '-vf',
        `format=yuv420p,drawbox=x=0:y=0:w=240:h=16:color=gray:t=fill,${bits}`,
        '-pix_fmt',
        'yuv420p',
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-tune',
        'zerolatency',
        '-g',
        String(fps * 2),
      ],
      ...['-c:a', 'aac', '-f', 'flv', url],
    ],
    seconds * 1000 + 15000,
  );
}

/** One stream as ffprobe reports it. */
export interface ProbedStream {
  readonly codec_type: string;
  readonly codec_name: string;
  readonly width?: number;
  readonly height?: number;
  readonly sample_rate?: string;
}

/** ffprobe on `url`, retried until it answers with streams or `deadlineMs` passes. */
export async function probe(url: string, deadlineMs: number): Promise<{ streams: ProbedStream[]; ms: number; attempts: number }> {
  const begin = Date.now();
  let attempts = 0;
  let last = '';
  while (Date.now() - begin < deadlineMs) {
    attempts++;
    const left = Math.max(1000, deadlineMs - (Date.now() - begin));
    const result = await start(
      FFPROBE,
      // One second of analysis is plenty for a 15 fps test pattern and keeps each probe short.
      [
        '-v',
        'error',
        '-timeout',
        '5000000',
        '-analyzeduration',
        '1000000',
        '-show_entries',
        'stream=codec_type,codec_name,width,height,sample_rate',
        '-of',
        'json',
        url,
      ],
      Math.min(10000, left),
    ).done;
    if (result.code === 0) {
      const streams = (JSON.parse(result.stdout) as { streams?: ProbedStream[] }).streams || [];
      if (streams.some((s) => s.codec_type === 'video')) return { streams, ms: Date.now() - begin, attempts };
    }
    last = result.stderr;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`ffprobe got no stream from ${url} within ${deadlineMs} ms: ${last}`);
}

/** A free loopback port (listen on 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resolves when `check` holds, polling; rejects after `ms`. */
export async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const begin = Date.now();
  while (!check()) {
    if (Date.now() - begin > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
