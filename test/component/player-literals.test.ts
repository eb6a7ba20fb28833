/**
 * What WXML really delivers to `<ts-player>`: attribute literals compiled by the official `wcc`,
 * not values set from JavaScript. WeChat would turn `autoplay="false"` into true and
 * `min-cache=""` into 0 for a typed property; `<ts-player>` receives the text and reads it as a
 * person means it, and `<live-player>` (the stub's data) receives the values.
 */
import * as path from 'path';
import type { PlayerAttributeProblem, PlayerAttributes } from '../../src/play/index';
import { mount, simulate } from '../simulate';
import './player-setup';
import { ROOT, fakeDeviceEachTest } from './setup';

type Problems = { problems: PlayerAttributeProblem[] };

let literalsId: string;
fakeDeviceEachTest();
beforeAll(() => {
  literalsId = simulate.load(path.join(__dirname, 'player-literals/index'), 'player-literals-page', {
    rootPath: ROOT,
    compilerOptions: { wxmlList: ['test/component/player-literals/index.wxml', 'components/player/index.wxml'] },
  });
});

/** The literals page, rendered and attached (the fake phone installed). */
function literals() {
  const root = simulate.render(literalsId);
  mount(root);
  const tag = (id: string) => root.querySelector('#' + id)!.querySelector('#player')!.data as unknown as PlayerAttributes;
  const reported = (id: string) => ((root.instance.invalid as Record<string, Problems[]>)[id] || []).flatMap((e) => e.problems);
  const problems = (id: string) => reported(id).map((p) => `${p.code}:${p.attribute}`);
  return { root, tag, reported, problems };
}

describe('WXML literals (official wcc)', () => {
  it('reads every attribute as a person means it: autoplay="false" is false, min-cache="0.2" is 0.2, object-fit="fillCrop"', () => {
    const p = literals();
    expect(p.tag('text')).toEqual({
      src: 'rtmp://play.example.com/live/a',
      mode: 'RTC',
      autoplay: false,
      muted: true,
      orientation: 'horizontal',
      objectFit: 'fillCrop',
      minCache: 0.2,
      maxCache: 0.8,
      soundMode: 'ear',
      autoPauseIfNavigate: false,
      autoPauseIfOpenNative: false,
      pictureInPictureMode: 'push',
      pictureInPictureInitPosition: 'left, 20',
      enableAutoRotation: true,
      referrerPolicy: 'origin',
      enableCasting: true,
      backgroundMute: false,
    });
    expect(p.problems('text')).toEqual([]);
  });

  it('reads empty attributes as not given: the tag gets the defaults, nothing is reported', () => {
    const p = literals();
    expect(p.tag('empty')).toMatchObject({
      src: '',
      mode: 'live',
      autoplay: false,
      muted: false,
      minCache: 1,
      maxCache: 3,
      objectFit: 'contain',
      soundMode: 'speaker',
      autoPauseIfNavigate: true,
    });
    expect(p.problems('empty')).toEqual([]);
  });

  it('reads a bare attribute (muted, enable-casting, enable-auto-rotation) as true', () => {
    const p = literals();
    expect(p.tag('bare')).toMatchObject({ muted: true, enableCasting: true, enableAutoRotation: true, autoplay: false });
    expect(p.problems('bare')).toEqual([]);
  });

  it('accepts rtmp://, http(s)://….flv with a query and room:// as src', () => {
    const p = literals();
    expect(p.tag('flv').src).toBe('https://play.example.com/live/a.flv?txTime=6A000000&k=1');
    expect(p.tag('room').src).toBe('room://cloud.tencent.com/rtc?userid=1');
    expect([...p.problems('flv'), ...p.problems('room'), ...p.problems('text')]).toEqual([]);
  });

  it('reports an HLS (.m3u8) src with advice naming <video>, and keeps it off the tag', () => {
    const p = literals();
    expect(p.tag('hls').src).toBe('');
    const [problem] = p.reported('hls');
    expect(problem).toMatchObject({ code: 'INVALID_URL', attribute: 'src', value: 'https://play.example.com/live/a.m3u8', used: '' });
    expect(problem.advice).toContain('<video>');
    expect(problem.adviceZh).toContain('<video>');
    expect(problem.messageZh).not.toBe(problem.message);
  });

  it('reports any other scheme (webrtc://) as an invalid src with the same advice', () => {
    const p = literals();
    expect(p.tag('webrtc').src).toBe('');
    expect(p.problems('webrtc')).toEqual(['INVALID_URL:src']);
    expect(p.reported('webrtc')[0].advice).toContain('<video>');
  });

  it('scenario="low-latency" gives mode RTC and a 0.2–0.8 s cache; an explicit max-cache wins over it', () => {
    const p = literals();
    expect(p.tag('low')).toMatchObject({ mode: 'RTC', minCache: 0.2, maxCache: 0.8 });
    expect(p.tag('lowMax')).toMatchObject({ mode: 'RTC', minCache: 0.2, maxCache: 2 });
    expect([...p.problems('low'), ...p.problems('lowMax')]).toEqual([]);
  });

  it('reports min-cache above max-cache and repairs it: both given, max-cache wins', () => {
    const p = literals();
    expect(p.tag('order')).toMatchObject({ minCache: 2, maxCache: 2 });
    expect(p.reported('order')).toMatchObject([{ code: 'CACHE_ORDER', attribute: 'minCache', value: 5, used: 2 }]);
  });

  it('reports min-cache above the default max-cache and raises max-cache to it', () => {
    const p = literals();
    expect(p.tag('orderMin')).toMatchObject({ minCache: 5, maxCache: 5 });
    expect(p.reported('orderMin')).toMatchObject([{ code: 'CACHE_ORDER', attribute: 'maxCache', value: 5, used: 5 }]);
  });

  it('reports background-mute as deprecated (the player is always muted in the background)', () => {
    const p = literals();
    const [problem] = p.reported('mute');
    expect(problem).toMatchObject({ code: 'DEPRECATED', attribute: 'backgroundMute' });
    expect(problem.message).toContain('background');
    expect(problem.advice).toBeTruthy();
    expect(problem.adviceZh).toBeTruthy();
  });

  it('reports what a person could not have meant and keeps the defaults on the tag', () => {
    const p = literals();
    expect(p.tag('wrong')).toMatchObject({
      minCache: 0,
      maxCache: 0,
      objectFit: 'contain',
      autoplay: false,
      mode: 'live',
      pictureInPictureInitPosition: '',
    });
    expect(p.problems('wrong').sort()).toEqual(
      [
        'INVALID_FORMAT:pictureInPictureInitPosition',
        'OUT_OF_RANGE:maxCache',
        'UNKNOWN_VALUE:mode',
        'UNKNOWN_VALUE:objectFit',
        'WRONG_TYPE:autoplay',
        'WRONG_TYPE:minCache',
        // max-cache clamped to 0 puts the default min-cache above it.
        'CACHE_ORDER:minCache',
      ].sort(),
    );
  });

  it('reports start-timeout="abc"; call-timeout="", policies="" and emulate="" are not given', () => {
    const p = literals();
    expect(p.problems('props')).toEqual(['WRONG_TYPE:startTimeout']);
  });
});
