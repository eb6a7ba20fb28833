import { PusherError, isPusherError, pusherError } from '../../src/index';
import type { LibraryErrorCode, PusherErrorCategory } from '../../src/index';
import { CODE_CATEGORIES, hasCjk } from './helpers';

/** Every library error code of the issue, by hand. */
const LIBRARY_CODES: readonly LibraryErrorCode[] = [
  'INVALID_STATE',
  'TIMEOUT',
  'ABORTED',
  'NATIVE_FAIL',
  'PERMISSION_DENIED',
  'NOT_READY',
  'NOT_FOUND',
  'INVALID_ARGUMENT',
  'INVALID_PRESET',
  'UNSUPPORTED',
  'URL_REJECTED',
  'URL_REFRESH_FAILED',
];

const CATEGORIES: readonly PusherErrorCategory[] = [...CODE_CATEGORIES, 'usage', 'unknown'];

/** A value for every parameter any library message may take; each is easy to spot. */
const ALL_PARAMS = {
  method: 'pauseBGM',
  status: 'st_idle',
  ms: 4321,
  by: 'by_stop',
  errMsg: 'err_native',
  selector: '#sel_pusher',
  tag: 'ts-pusher',
  scope: 'camera',
  code: 3004,
  reason: 'rsn_expiring',
  arg: 'arg_volume',
  expected: 'exp_number',
  expectedZh: '数字',
  value: 'val_loud',
  detail: 'det_mode',
  detailZh: '详情_mode',
};

const PLACEHOLDER = /\{\w+\}/;

describe('PusherError', () => {
  const init = {
    code: 'STATE_-1307' as const,
    category: 'connection' as const,
    message: 'Network lost',
    messageZh: '网络断开',
    advice: 'Restart',
    adviceZh: '重新推流',
    nativeCode: -1307,
    cause: { code: -1307 },
  };

  it('is an Error and a PusherError carrying every field it was built with', () => {
    const error = new PusherError(init);
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(PusherError);
    expect(error.name).toBe('PusherError');
    expect(error).toMatchObject(init);
    expect(typeof error.stack).toBe('string');
  });

  it('leaves nativeCode and cause out when not given', () => {
    const { nativeCode: _n, cause: _c, ...rest } = init;
    const error = new PusherError({ ...rest, code: 'TIMEOUT' });
    expect('nativeCode' in error).toBe(false);
    expect(error.cause).toBeUndefined();
  });

  it('keeps a falsy native code such as 0', () => {
    expect(new PusherError({ ...init, nativeCode: 0 }).nativeCode).toBe(0);
  });
});

describe('pusherError', () => {
  it('fills method and status into both languages of INVALID_STATE', () => {
    const error = pusherError('INVALID_STATE', { method: 'pause', status: 'idle' });
    expect(error).toBeInstanceOf(PusherError);
    expect(error.code).toBe('INVALID_STATE');
    expect(error.category).toBe('usage');
    for (const text of [error.message, error.messageZh]) {
      expect(text).toContain('pause');
      expect(text).toContain('idle');
      expect(text).not.toContain('{');
    }
    expect(hasCjk(error.messageZh)).toBe(true);
  });

  it('keeps (a redacted copy of) the cause it is given and no native code', () => {
    const cause = { errMsg: 'fail' };
    const error = pusherError('NATIVE_FAIL', { method: 'start', errMsg: 'fail' }, cause);
    expect(error.cause).toEqual(cause);
    expect(error.nativeCode).toBeUndefined();
  });

  it('hides push-URL signatures in its texts and anywhere in its cause, errors included', () => {
    const secret = 'c0ffee0123456789abcdef0123456789';
    const url = `rtmp://h/live/s?txSecret=${secret}&txTime=65A1B2C3`;
    const inner = new Error('inner ' + url);
    const cause = { errMsg: url, deep: [{ deeper: { url } }], inner };
    const error = pusherError('NATIVE_FAIL', { method: 'toggleTorch', errMsg: url }, cause);
    const seen = JSON.stringify({
      ...error,
      message: error.message,
      stack: error.stack,
      inner: (error.cause as { inner: Error }).inner.message,
    });
    expect(seen).not.toContain(secret);
    expect((error.cause as { inner: Error }).inner).toBeInstanceOf(Error);
    expect((error.cause as { inner: Error }).inner.stack).not.toContain(secret);
    expect(cause.errMsg).toBe(url); // the caller's object is left alone
  });

  it('names the scope of PERMISSION_DENIED in both languages, and has a privacy variant', () => {
    const error = pusherError('PERMISSION_DENIED', { scope: 'record' });
    expect(error.message).toContain('record');
    expect(error.messageZh).toContain('麦克风');
    const privacy = pusherError('PERMISSION_DENIED', { scope: 'camera' }, undefined, { text: 'PRIVACY', nativeCode: 10001 });
    expect(privacy).toMatchObject({ code: 'PERMISSION_DENIED', category: 'permission', nativeCode: 10001 });
    expect(privacy.message).toMatch(/privacy/i);
    expect(privacy.messageZh).toContain('隐私');
    expect(privacy.advice).not.toBe(error.advice);
  });

  it.each(LIBRARY_CODES)('gives %s non-empty texts in both languages and a known category', (code) => {
    const error = pusherError(code, ALL_PARAMS);
    expect(error.code).toBe(code);
    expect(CATEGORIES).toContain(error.category);
    expect(error.message.trim()).not.toBe('');
    expect(error.messageZh.trim()).not.toBe('');
    expect(error.advice.trim()).not.toBe('');
    expect(hasCjk(error.adviceZh)).toBe(true);
    expect(isPusherError(error)).toBe(true);
  });

  it.each(LIBRARY_CODES.filter((c) => c !== 'NATIVE_FAIL'))('writes the Chinese message of %s in Chinese', (code) => {
    expect(hasCjk(pusherError(code, ALL_PARAMS).messageZh)).toBe(true);
  });

  it.each(LIBRARY_CODES.filter((c) => c !== 'INVALID_ARGUMENT'))('leaves no {placeholder} in any text of %s', (code) => {
    const error = pusherError(code, ALL_PARAMS);
    for (const text of [error.message, error.messageZh, error.advice, error.adviceZh]) expect(text).not.toMatch(PLACEHOLDER);
  });

  it.each([
    ['TIMEOUT', { method: 'start', ms: 8000 }, ['start', '8000']],
    ['ABORTED', { method: 'start', by: 'stop()' }, ['start', 'stop()']],
    ['NATIVE_FAIL', { method: 'snapshot', errMsg: 'snapshot:fail' }, ['snapshot', 'snapshot:fail']],
    ['NOT_FOUND', { selector: '#pusher', tag: 'ts-player' }, ['#pusher', '<ts-player>']],
    ['INVALID_PRESET', { detail: 'mode: bad', detailZh: 'mode：错误' }, ['mode']],
  ] as const)('puts the parameters of %s into both messages', (code, params, expected) => {
    const error = pusherError(code, params);
    for (const part of expected) {
      expect(error.message).toContain(part);
      expect(error.messageZh).toContain(part);
    }
  });

  it('gives PERMISSION_DENIED the permission category', () => {
    expect(pusherError('PERMISSION_DENIED').category).toBe('permission');
  });
});

describe('isPusherError', () => {
  it('recognises a PusherError and one from another realm by its name', () => {
    expect(isPusherError(pusherError('TIMEOUT', { method: 'start', ms: 1 }))).toBe(true);
    expect(isPusherError({ name: 'PusherError', code: 'TIMEOUT' })).toBe(true);
  });

  it.each([[new Error('x')], [null], [undefined], ['PusherError'], [{ name: 'Error' }], [0]])('rejects %p', (value) => {
    expect(isPusherError(value)).toBe(false);
  });
});

describe('regressions found by the first test pass', () => {
  // src/errors.ts TABLE: NATIVE_FAIL messageZh is '{method}：{errMsg}', nothing but parameters.
  it('writes the Chinese message of NATIVE_FAIL in Chinese even when errMsg is English', () => {
    expect(hasCjk(pusherError('NATIVE_FAIL', { method: 'start', errMsg: 'operateLivePusher:fail' }).messageZh)).toBe(true);
  });

  // src/errors.ts pusherError() fills the messages but not advice/adviceZh.
  it('fills the parameters of INVALID_ARGUMENT into its advice in both languages', () => {
    const error = pusherError('INVALID_ARGUMENT', {
      method: 'setBGMVolume',
      arg: 'volume',
      expected: 'a number in 0–1',
      expectedZh: '0–1 的数字',
      value: '"loud"',
    });
    for (const text of [error.message, error.messageZh, error.advice, error.adviceZh]) expect(text).not.toMatch(PLACEHOLDER);
    expect(error.advice).toContain('a number in 0–1');
    expect(error.adviceZh).toContain('0–1 的数字');
  });
});
