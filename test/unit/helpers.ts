/** Shared helpers of the unit tests (not a test file: jest only runs `*.test.ts`). */
import type { AttributeProblemCode, CodeCategory } from '../../src/index';

/** True when the text holds at least one CJK ideograph. */
export const hasCjk = (text: unknown): boolean => typeof text === 'string' && /[\u4e00-\u9fff]/.test(text);

/** fast-check settings: fixed seed so CI is reproducible, modest runs so it stays fast. */
export const FC_PARAMS = { seed: 20240611, numRuns: 300 } as const;

/** A signature nobody would write by chance; it must never reach a message or a log. */
export const SECRET = 'f00dfacecafebabe0123456789abcdef';

/** A Tencent Cloud push URL carrying `SECRET`. */
export const SIGNED_URL = `rtmp://push.example.com/live/stream1?txSecret=${SECRET}&txTime=65A1B2C3`;

/** Every code category, written by hand (the oracle the code and error tests check against). */
export const CODE_CATEGORIES: readonly CodeCategory[] = [
  'connection',
  'network',
  'device',
  'permission',
  'encoder',
  'auth',
  'lifecycle',
  'room',
  'screen',
  'media',
];

/** Every attribute problem code, written by hand. */
export const PROBLEM_CODES: readonly AttributeProblemCode[] = [
  'INVALID_INPUT',
  'UNKNOWN_ATTRIBUTE',
  'UNKNOWN_SCENARIO',
  'WRONG_TYPE',
  'OUT_OF_RANGE',
  'UNKNOWN_VALUE',
  'INVALID_FORMAT',
  'INVALID_URL',
  'BITRATE_ORDER',
  'DEPRECATED',
];
