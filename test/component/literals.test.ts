/**
 * What WXML really delivers: attribute literals compiled by the official `wcc`, not values set
 * from JavaScript. WeChat would turn `fps=""` into 0 and `autopush="false"` into true for a
 * typed property; `<ts-pusher>` receives the text and reads it as a person means it.
 */
import * as path from 'path';
import type { AttributeProblem, PusherAttributes } from '../../src/index';
import { ROOT, fakeDeviceEachTest, mount, simulate } from './setup';

let pageId: string;
const device = fakeDeviceEachTest();
beforeAll(() => {
  pageId = simulate.load(path.join(__dirname, 'literals/index'), 'literal-page', {
    rootPath: ROOT,
    compilerOptions: { wxmlList: ['test/component/literals/index.wxml', 'components/pusher/index.wxml'] },
  });
});

function page() {
  const root = simulate.render(pageId);
  mount(root);
  const tag = (id: string) => root.querySelector('#' + id)!.querySelector('#pusher')!.data as unknown as PusherAttributes;
  const problems = (id: string) =>
    ((root.instance.invalid as Record<string, { problems: AttributeProblem[] }[]>)[id] || [])
      .flatMap((e) => e.problems)
      .map((p) => `${p.code}:${p.attribute}`);
  return { root, tag, problems };
}

describe('WXML attribute literals (official wcc)', () => {
  it('reads fps="", enable-mic="", mode="", beauty="", autopush="" as not given: the defaults, no problem', () => {
    const p = page();
    expect(p.tag('empty')).toMatchObject({ fps: 15, enableMic: true, mode: 'RTC', beauty: 0, autopush: false });
    expect(p.problems('empty')).toEqual([]);
  });

  it('reads autopush="false" as false and numeric text as numbers', () => {
    const p = page();
    expect(p.tag('text')).toMatchObject({
      autopush: false,
      enableCamera: true,
      beauty: 3,
      maxBitrate: 1500,
      audioReverbType: 2,
      whiteness: 1.5,
    });
    expect(device().methods).toEqual([]);
  });

  it('reports fps="abc" and pushes at the default 15 fps, not 1', () => {
    const p = page();
    expect(p.tag('text').fps).toBe(15);
    expect(p.problems('text')).toEqual(['WRONG_TYPE:fps']);
  });

  it('reads a bare attribute (debug, zoom) as true', () => {
    const p = page();
    expect(p.tag('bare')).toMatchObject({ debug: true, zoom: true });
    expect(p.problems('bare')).toEqual([]);
  });

  it('reports start-timeout="abc" and keeps the default; call-timeout="" and policies="" are not given', () => {
    const p = page();
    expect(p.problems('timeouts')).toEqual(['WRONG_TYPE:startTimeout']);
  });

  it('lets the scenario fill max-bitrate="" while min-bitrate="700" is taken', () => {
    const p = page();
    expect(p.tag('scenario')).toMatchObject({ mode: 'HD', minBitrate: 700, maxBitrate: 1200 });
    expect(p.problems('scenario')).toEqual([]);
  });

  it('takes bound values: undefined and null as not given, false as false, "4" as 4', () => {
    const p = page();
    expect(p.tag('bound')).toMatchObject({ fps: 15, enableMic: false, beauty: 4, remoteMirror: false });
    expect(p.problems('bound')).toEqual([]);
  });

  it('reports what a person could not have meant: fps="0", enable-mic="yes", orientation="sideways"', () => {
    const p = page();
    expect(p.tag('wrong')).toMatchObject({ fps: 1, enableMic: true, orientation: 'vertical' });
    expect(p.problems('wrong').sort()).toEqual(['OUT_OF_RANGE:fps', 'UNKNOWN_VALUE:orientation', 'WRONG_TYPE:enableMic']);
  });
});
