import { PusherError, STATE_CODES, errorFromEvent, isPusherError, mapError, mapNetStatus, mapStateChange } from '../../src/index';
import type { PusherStateEvent, PusherUnknownEvent } from '../../src/index';
import { SECRET, SIGNED_URL, hasCjk } from './helpers';

const ROOM_CODES = [1031, 1032, 1033, 1034];
const catalogue = () => Object.keys(STATE_CODES).map((key) => STATE_CODES[Number(key)]!);

function expectUnknown(event: PusherStateEvent, reason: PusherUnknownEvent['reason'], code: number | null): void {
  expect(event.kind).toBe('unknown');
  if (event.kind !== 'unknown') return;
  expect(event.reason).toBe(reason);
  expect(event.code).toBe(code);
  expect(event.name).toBe('UNKNOWN');
  expect(event.category).toBe('unknown');
  expect(event.message.trim()).not.toBe('');
  expect(hasCjk(event.messageZh)).toBe(true);
  expect(event.advice.trim()).not.toBe('');
  expect(hasCjk(event.adviceZh)).toBe(true);
}

describe('mapStateChange', () => {
  it('maps every non-room catalogue code to its entry', () => {
    for (const info of catalogue().filter((i) => ROOM_CODES.indexOf(i.code) < 0)) {
      const event = mapStateChange({ code: info.code, message: 'native text' });
      expect(event).toMatchObject({
        kind: info.kind,
        code: info.code,
        name: info.name,
        category: info.category,
        message: info.message,
        messageZh: info.messageZh,
        advice: info.advice,
        adviceZh: info.adviceZh,
        nativeMessage: 'native text',
      });
    }
  });

  it('narrows on kind so a fatal event carries its constant name', () => {
    const event = mapStateChange({ code: -1307 });
    expect(event.kind).toBe('fatal');
    if (event.kind === 'fatal') expect(event.name).toBe('PUSH_ERR_NET_DISCONNECT');
  });

  it('keeps the raw detail with the other fields as received', () => {
    const event = mapStateChange({ code: 1002, message: 'ok', extra: 42, nested: { a: 1 } });
    expect(event.raw).toEqual({ code: 1002, message: 'ok', extra: 42, nested: { a: 1 } });
  });

  it('omits nativeMessage when the detail has no message text', () => {
    expect(mapStateChange({ code: 1002 }).nativeMessage).toBeUndefined();
    expect(mapStateChange({ code: 1002, message: 7 }).nativeMessage).toBeUndefined();
  });

  it('redacts txSecret in nativeMessage and in the raw detail strings', () => {
    const detail = { code: 3004, message: `closed by server: ${SIGNED_URL}`, url: SIGNED_URL };
    const event = mapStateChange(detail);
    expect(event.nativeMessage).toContain('txSecret=***');
    expect(JSON.stringify(event)).not.toContain(SECRET);
    expect((event.raw as { url: string }).url).toBe(SIGNED_URL.replace(SECRET, '***'));
    // the caller's object is left alone
    expect(detail.url).toBe(SIGNED_URL);
  });

  it('redacts txSecret in the unknown event of an unknown code too', () => {
    const event = mapStateChange({ code: 4997, message: SIGNED_URL });
    expectUnknown(event, 'unknown-code', 4997);
    expect(JSON.stringify(event)).not.toContain(SECRET);
    expect(event.nativeMessage).toContain('txSecret=***');
  });

  it.each(ROOM_CODES)('parses the JSON message of room code %i into room', (code) => {
    const member = { userid: 'u1', hasvideo: true, userlist: [{ userid: 'u2' }] };
    const event = mapStateChange({ code, message: JSON.stringify(member) });
    expect(event.kind).toBe('event');
    expect(event.code).toBe(code);
    if (event.kind === 'event') expect(event.room).toEqual(member);
  });

  it('does not attach room to non-room codes with a JSON message', () => {
    const event = mapStateChange({ code: 1020, message: '{"userlist":[]}' });
    expect(event.kind).toBe('event');
    if (event.kind === 'event') expect(event.room).toBeUndefined();
  });

  it.each([
    ['{not json', 'invalid-room-message'],
    ['null', 'invalid-room-message'],
    ['[1,2]', 'invalid-room-message'],
    ['"text"', 'invalid-room-message'],
    ['42', 'invalid-room-message'],
    [12, 'invalid-room-message'],
    ['', 'missing-room-message'],
    [undefined, 'missing-room-message'],
    [null, 'missing-room-message'],
  ])('keeps room code 1031 typed, without room, saying why, for the message %p', (message, reason) => {
    const event = mapStateChange({ code: 1031, message });
    expect(event).toMatchObject({ kind: 'event', code: 1031, name: 'PUSH_EVT_ROOM_USER_ENTER', category: 'room', reason });
    expect(event.message).toBe(STATE_CODES[1031]!.message);
    expect(hasCjk(event.messageZh)).toBe(true);
    expect('room' in event).toBe(false);
    expect(event.raw).toEqual({ code: 1031, message });
  });

  it.each([1032, 1033, 1034])('keeps room code %i typed when its message is missing', (code) => {
    const event = mapStateChange({ code });
    expect(event).toMatchObject({ kind: 'event', code, reason: 'missing-room-message' });
    expect(event.name).toBe(STATE_CODES[code]!.name);
  });

  it('redacts push-URL signatures inside the parsed room message, at any depth', () => {
    const member = { userid: 'u1', playurl: SIGNED_URL, streams: [{ urls: [SIGNED_URL] }] };
    const event = mapStateChange({ code: 1031, message: JSON.stringify(member) });
    expect(event.kind).toBe('event');
    expect(JSON.stringify(event)).not.toContain(SECRET);
    if (event.kind === 'event') expect((event.room as typeof member).streams[0].urls[0]).toBe(SIGNED_URL.replace(SECRET, '***'));
  });

  it('redacts push-URL signatures in the raw detail at any depth', () => {
    const detail = { code: 1101, extra: { nested: [{ url: SIGNED_URL }] } };
    const event = mapStateChange(detail);
    expect(JSON.stringify(event)).not.toContain(SECRET);
    expect(detail.extra.nested[0].url).toBe(SIGNED_URL);
  });

  it.each([
    [4998, 'PUSH_EVT_MIC_OFF'],
    [4999, 'PUSH_EVT_MIC_ON'],
  ])('maps the iOS microphone code %i to the event %s', (code, name) => {
    const event = mapStateChange({ code });
    expect(event).toMatchObject({ kind: 'event', code, name, category: 'device' });
    expect(hasCjk(event.messageZh)).toBe(true);
  });

  it.each([4997, 10005, 10012, 2027, 0, -1, 1009])('answers unknown-code keeping the code %i', (code) => {
    const event = mapStateChange({ code, message: 'x' });
    expectUnknown(event, 'unknown-code', code);
    expect(event.nativeMessage).toBe('x');
  });

  it.each([['1002'], [NaN], [Infinity], [1002.5], [null], [undefined], [true], [{}], [[1002]]])(
    'answers invalid-code for the code %p',
    (code) => {
      const event = mapStateChange({ code, message: 'm' });
      expectUnknown(event, 'invalid-code', null);
      expect(event.nativeMessage).toBe('m');
    },
  );

  it.each([[null], [undefined], [1002], ['1002'], [true]])('answers missing-detail for the detail %p', (detail) => {
    const event = mapStateChange(detail);
    expectUnknown(event, 'missing-detail', null);
    expect(event.raw).toEqual(detail);
  });
});

describe('mapError', () => {
  it('maps 10001 and 10002 to fatal permission events', () => {
    for (const errCode of [10001, 10002]) {
      const event = mapError({ errCode, errMsg: 'operateLivePusher:fail auth deny' });
      expect(event).toMatchObject({ kind: 'fatal', code: errCode, category: 'permission' });
      expect(event.nativeMessage).toBe('operateLivePusher:fail auth deny');
    }
  });

  it('maps 10003 and 10004 to warnings', () => {
    expect(mapError({ errCode: 10003, errMsg: 'bgm' }).kind).toBe('warning');
    expect(mapError({ errCode: 10004, errMsg: 'img' }).kind).toBe('warning');
  });

  it('reads errCode, not code', () => {
    expectUnknown(mapError({ code: 10001, message: 'x' }), 'invalid-code', null);
  });

  it('answers unknown-code keeping an unlisted errCode', () => {
    expectUnknown(mapError({ errCode: 10012, errMsg: 'x' }), 'unknown-code', 10012);
  });

  it('answers invalid-code for a string errCode', () => {
    expectUnknown(mapError({ errCode: '10001', errMsg: 'x' }), 'invalid-code', null);
  });

  it.each([[null], [undefined], ['fail'], [0]])('answers missing-detail for the detail %p', (detail) => {
    expectUnknown(mapError(detail), 'missing-detail', null);
  });

  it('redacts txSecret in errMsg', () => {
    const event = mapError({ errCode: 10004, errMsg: `load fail ${SIGNED_URL}` });
    expect(JSON.stringify(event)).not.toContain(SECRET);
    expect(event.nativeMessage).toContain('txSecret=***');
  });
});

describe('mapNetStatus', () => {
  const info = {
    videoBitrate: 812,
    audioBitrate: 48,
    videoFPS: 15,
    videoGOP: 3,
    netSpeed: 900,
    netJitter: 12,
    videoWidth: 360,
    videoHeight: 640,
  };

  it('reads every field of info as a number', () => {
    const status = mapNetStatus({ info });
    expect(status).toMatchObject({ ...info, valid: true, invalidFields: [] });
    expect(status.raw).toEqual({ info });
  });

  it('reads netQualityLevel, videoCache and audioCache when the device sends them, 0 and still valid when not', () => {
    expect(mapNetStatus({ info: { ...info, netQualityLevel: 2, videoCache: '7', audioCache: 3 } })).toMatchObject({
      netQualityLevel: 2,
      videoCache: 7,
      audioCache: 3,
      valid: true,
    });
    expect(mapNetStatus({ info })).toMatchObject({ netQualityLevel: 0, videoCache: 0, audioCache: 0, valid: true, invalidFields: [] });
  });

  it('reports netQualityLevel when it is sent but not a number', () => {
    const status = mapNetStatus({ info: { ...info, netQualityLevel: 'good' } });
    expect(status.valid).toBe(false);
    expect(status.invalidFields).toEqual(['netQualityLevel']);
  });

  it('converts numeric strings to numbers', () => {
    const asStrings = Object.fromEntries(Object.entries(info).map(([k, v]) => [k, String(v)]));
    const status = mapNetStatus({ info: { ...asStrings, netJitter: '1.5' } });
    expect(status).toMatchObject({ ...info, netJitter: 1.5, valid: true, invalidFields: [] });
  });

  it('reads 0 and reports each absent or non-numeric field', () => {
    const status = mapNetStatus({
      info: { ...info, videoFPS: 'fast', netSpeed: undefined, videoGOP: NaN, netJitter: Infinity, videoWidth: '', videoHeight: null },
    });
    expect(status.valid).toBe(false);
    expect([...status.invalidFields].sort()).toEqual(['netJitter', 'netSpeed', 'videoFPS', 'videoGOP', 'videoHeight', 'videoWidth']);
    for (const field of status.invalidFields) expect(status[field]).toBe(0);
    expect(status.videoBitrate).toBe(812);
    expect(status.audioBitrate).toBe(48);
  });

  it.each([[null], [undefined], ['info'], [{}], [{ info: null }], [{ info: 'videoBitrate' }], [{ info: 5 }]])(
    'answers zeros, invalid, for the detail %p',
    (detail) => {
      const status = mapNetStatus(detail);
      expect(status.valid).toBe(false);
      expect(status.invalidFields).toHaveLength(8);
      for (const field of status.invalidFields) expect(status[field]).toBe(0);
      expect(status.raw).toEqual(detail);
    },
  );
});

describe('errorFromEvent', () => {
  it('turns a fatal event into a STATE_<n> PusherError with its texts, code and raw detail', () => {
    const event = mapStateChange({ code: -1307, message: 'lost' });
    const error = errorFromEvent(event);
    expect(error).toBeInstanceOf(PusherError);
    expect(error).toBeInstanceOf(Error);
    expect(isPusherError(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'STATE_-1307',
      nativeCode: -1307,
      category: event.category,
      message: event.message,
      messageZh: event.messageZh,
      advice: event.advice,
      adviceZh: event.adviceZh,
    });
    expect(error.cause).toEqual(event.raw);
  });

  it.each([10001, 10002])('turns %i into PERMISSION_DENIED keeping the native code', (errCode) => {
    const error = errorFromEvent(mapError({ errCode, errMsg: 'denied' }));
    expect(error.code).toBe('PERMISSION_DENIED');
    expect(error.nativeCode).toBe(errCode);
    expect(error.category).toBe('permission');
  });

  it('keeps an unknown code as STATE_<n>', () => {
    const error = errorFromEvent(mapStateChange({ code: 4997 }));
    expect(error.code).toBe('STATE_4997');
    expect(error.nativeCode).toBe(4997);
    expect(error.category).toBe('unknown');
  });

  it('gives an event without a usable code no native code and no STATE_ code', () => {
    const error = errorFromEvent(mapStateChange(null));
    expect(error).toBeInstanceOf(PusherError);
    expect(error.nativeCode).toBeUndefined();
    expect(error.code).not.toMatch(/^STATE_/);
    expect(error.message.trim()).not.toBe('');
    expect(hasCjk(error.messageZh)).toBe(true);
  });

  it('never carries the raw secret', () => {
    const error = errorFromEvent(mapStateChange({ code: -1326, message: SIGNED_URL }));
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(SECRET);
  });
});
