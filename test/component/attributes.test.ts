/**
 * `<ts-pusher>` attributes: what reaches `<live-pusher>`, presets under explicit values,
 * repaired values reported, and setData carrying only what changed.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ATTRIBUTE_NAMES, PRESETS, normalizeAttributes, type AttributeProblem, type PusherAttributes } from '../../src/index';
import { mount, simulate, type SimRoot } from '../simulate';
import { fakeDeviceEachTest } from './setup';

const PUSHER = path.resolve(__dirname, '../../components/pusher/index');
let id: string;

beforeAll(() => {
  id = simulate.load(PUSHER, 'ts-pusher');
});

const device = fakeDeviceEachTest();

/** Renders `<ts-pusher>` with properties, records its `invalid` events, attaches it. */
function render(props: Record<string, unknown>) {
  const root = simulate.render(id, props);
  const invalid: AttributeProblem[][] = [];
  root.addEventListener('invalid', (e) => invalid.push((e.detail as { problems: AttributeProblem[] }).problems));
  mount(root);
  return { root, invalid, tag: () => root.querySelector('#pusher')!.data as unknown as PusherAttributes };
}

/** A valid value for every attribute, none of them the default. */
const EVERY: PusherAttributes = {
  url: 'rtmp://push.example.com/live/s1?txSecret=abc&txTime=6A000000',
  mode: 'FHD',
  autopush: true,
  muted: true,
  enableCamera: false,
  autoFocus: false,
  orientation: 'horizontal',
  beauty: 5,
  whiteness: 3,
  aspect: '3:4',
  minBitrate: 300,
  maxBitrate: 900,
  audioQuality: 'low',
  waitingImage: 'https://cdn.example.com/wait.png',
  waitingImageHash: '0123456789abcdef0123456789abcdef',
  zoom: true,
  devicePosition: 'back',
  backgroundMute: true,
  mirror: true,
  remoteMirror: true,
  localMirror: 'enable',
  audioReverbType: 3,
  enableMic: false,
  enableAgc: true,
  enableAns: true,
  audioVolumeType: 'voicecall',
  videoWidth: 720,
  videoHeight: 1280,
  beautyStyle: 'nature',
  filter: 'romantic',
  pictureInPictureMode: ['push', 'pop'],
  voiceChangerType: 4,
  enableEarMonitor: true,
  fps: 24,
  debug: true,
};

describe('<ts-pusher> attributes', () => {
  it('hands every attribute of the schema to <live-pusher>', () => {
    expect(Object.keys(EVERY).sort()).toEqual([...ATTRIBUTE_NAMES].sort());
    const { tag } = render({ ...EVERY });
    expect(tag()).toEqual(EVERY);
  });

  it('binds every attribute in WXML, kebab-case, from its camelCase name', () => {
    const { tag } = render({});
    expect(Object.keys(tag()).sort()).toEqual([...ATTRIBUTE_NAMES].sort());
  });

  it('binds each attribute of the WXML to its own index of ATTRIBUTE_NAMES', () => {
    const wxml = fs.readFileSync(path.resolve(__dirname, '../../components/pusher/index.wxml'), 'utf8');
    const bound = [...wxml.matchAll(/\s([a-z-]+)="\{\{a\[(\d+)\]\}\}"/g)].map(([, attr, index]) => [
      attr.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()),
      ATTRIBUTE_NAMES[Number(index)],
    ]);
    expect(bound.map(([camel]) => camel)).toEqual([...ATTRIBUTE_NAMES]);
    for (const [camel, name] of bound) expect(name).toBe(camel);
  });

  it('gives <live-pusher> the defaults when nothing is set', () => {
    const { tag, invalid } = render({});
    expect(tag()).toEqual(normalizeAttributes({}).attributes);
    expect(invalid).toEqual([]);
  });

  it('applies the scenario preset under explicit attributes', () => {
    const { tag, invalid } = render({ scenario: 'hd-live', maxBitrate: 900 });
    expect(tag()).toMatchObject({ mode: 'HD', minBitrate: PRESETS['hd-live'].minBitrate, maxBitrate: 900, audioQuality: 'high' });
    expect(invalid).toEqual([]);
  });

  it.each(Object.keys(PRESETS))('applies the %s preset as the seed table gives it', (scenario) => {
    const { tag } = render({ scenario });
    expect(tag()).toMatchObject(PRESETS[scenario as keyof typeof PRESETS]);
  });

  it('reports invalid values in one invalid event and one console.warn, and never passes them on', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { tag, invalid } = render({
      scenario: 'customer-service',
      beauty: 12,
      mode: 'UHD',
      url: 'http://push.example.com/live/s1?txSecret=deadbeef',
      minBitrate: 900,
    });
    expect(tag()).toMatchObject({ beauty: 9, mode: 'RTC', url: '', minBitrate: 900, maxBitrate: 900 });
    expect(invalid).toHaveLength(1);
    expect(invalid[0].map((p) => `${p.code}:${p.attribute}`).sort()).toEqual(
      ['BITRATE_ORDER:maxBitrate', 'INVALID_URL:url', 'OUT_OF_RANGE:beauty', 'UNKNOWN_VALUE:mode'].sort(),
    );
    for (const p of invalid[0]) {
      expect(p.message).not.toBe('');
      expect(p.messageZh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toContain('txSecret=***');
    expect(JSON.stringify(invalid)).not.toContain('deadbeef');
  });

  it('treats an empty binding as not given, so the preset fills it', () => {
    const { tag, invalid } = render({ scenario: 'sd-live', mode: '' });
    expect(tag().mode).toBe('SD');
    expect(invalid).toEqual([]);
  });

  it('reports an unknown scenario and keeps the defaults', () => {
    const { tag, invalid } = render({ scenario: 'ultra-live' });
    expect(tag().mode).toBe('RTC');
    expect(invalid[0].map((p) => p.code)).toEqual(['UNKNOWN_SCENARIO']);
  });
});

describe('<ts-pusher> setData economy', () => {
  /** `a[i]`: the data path of an attribute (its index in ATTRIBUTE_NAMES). */
  const at = (name: keyof PusherAttributes) => `a[${ATTRIBUTE_NAMES.indexOf(name)}]`;

  /** The component's own setData calls that render attributes (keys `a[i]`). */
  function ownSetData(root: SimRoot) {
    const spy = jest.spyOn(root.instance as unknown as { setData(d: Record<string, unknown>): void }, 'setData');
    return () => spy.mock.calls.map((c) => c[0]).filter((d) => Object.keys(d).some((k) => k.startsWith('a[')));
  }

  it('sends only the attribute that changed', () => {
    const { root, tag } = render({ scenario: 'hd-live' });
    const calls = ownSetData(root);
    root.setData({ beauty: 4 });
    expect(calls()).toEqual([{ [at('beauty')]: 4 }]);
    expect(tag().beauty).toBe(4);
  });

  it('sends nothing when a property is set to the value the tag already has', () => {
    const { root } = render({ scenario: 'hd-live', beauty: 4 });
    const calls = ownSetData(root);
    root.setData({ beauty: 4 });
    root.setData({ mode: 'HD' });
    expect(calls()).toEqual([]);
  });

  it('sends the preset keys that differ when the scenario changes', () => {
    const { root } = render({ scenario: 'hd-live' });
    const calls = ownSetData(root);
    root.setData({ scenario: 'fhd-live' });
    expect(calls()).toEqual([{ [at('mode')]: 'FHD', [at('maxBitrate')]: 1800 }]);
  });

  it('renders no status, code or netstatus data', async () => {
    const { root } = render({});
    const spy = jest.spyOn(root.instance as unknown as { setData(d: Record<string, unknown>): void }, 'setData');
    device().emit(1101);
    device().netstatus({ videoBitrate: 500, audioBitrate: 48, videoFPS: 15 });
    device().emit(1102);
    await simulate.sleep(5);
    expect(spy).not.toHaveBeenCalled();
    // `a`: the tag's attributes, `m`: mounted, `e`/`s`: emulation only; the rest are the properties.
    expect(Object.keys(root.instance.data as object).sort()).toEqual(
      ['a', 'm', 'e', 's', 'callTimeout', 'emulate', 'policies', 'scenario', 'startTimeout', ...ATTRIBUTE_NAMES].sort(),
    );
  });
});
