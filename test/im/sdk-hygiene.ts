/**
 * What running the real Chat SDK packages under Jest needs: their log lines kept out of the
 * output, and the 1 s "not logged in" interval both leave running after a logged-in instance
 * is destroyed (a leak inside the SDK that only keeps a process alive) cleared afterwards.
 */

/** The SDKs' own log lines ("TIM 12:00:00.000 …", "Chat 12:00:00.000 …"), printed at create() before any setLogLevel. */
const SDK_LOG = /^\s*(?:TIM|Chat)\s+\d\d:\d\d:\d\d/;
/** Files of the SDK packages, installed or packed by DevTools' npm builder. */
const SDK_FILE = /(?:node_modules|miniprogram_npm)[\\/](?:tim-wx-sdk|@tencentcloud[\\/]chat)[\\/]/;

/**
 * Starts filtering SDK log lines and recording SDK intervals in Jest's globals; call in
 * `beforeAll`. Code run outside Jest's context (the packed example) gets `console` and
 * `setInterval` as globals of its own.
 */
export function sdkHygiene() {
  const intervals = new Set<ReturnType<typeof setInterval>>();
  const realSetInterval = global.setInterval;
  const trackingSetInterval = ((fn: () => void, ms?: number) => {
    const handle = realSetInterval(fn, ms);
    if (SDK_FILE.test(String(new Error().stack))) intervals.add(handle);
    return handle;
  }) as typeof setInterval;
  const quietConsole = Object.create(console) as Console;
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const write = console[level].bind(console);
    const quiet = (...args: unknown[]) => {
      if (!(typeof args[0] === 'string' && SDK_LOG.test(args[0]))) write(...args);
    };
    quietConsole[level] = quiet;
    jest.spyOn(console, level).mockImplementation(quiet);
  }
  jest.spyOn(global, 'setInterval').mockImplementation(trackingSetInterval);
  return {
    console: quietConsole,
    setInterval: trackingSetInterval,
    /** Clears the intervals the SDKs left; call in `afterEach` once every room is closed. */
    clearIntervals() {
      for (const handle of intervals) clearInterval(handle);
      intervals.clear();
    },
  };
}
