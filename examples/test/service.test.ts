/**
 * pages/service (customer-service preset): the call starts on load, and a refused camera walks
 * the permission flow: the explanation, the settings button, the call again once granted.
 */
import type { FakeDevice } from 'ts-pusher/testing';
import { advance, livePusherAttributes, pageTests } from './page';

const IN_CALL = '通话中 / in call';

const open = pageTests('service');

/** How many times the page's `<ts-pusher>` created a native context (a re-mount creates another). */
const contexts = (device: FakeDevice) => device.calls.filter((c) => c.method === 'wx.createLivePusherContext').length;

it('starts the call on load with the customer-service preset, no tap needed', async () => {
  const { page, device } = open();
  expect(livePusherAttributes(page)).toMatchObject({ mode: 'RTC', minBitrate: 200, maxBitrate: 500, audioQuality: 'high' });
  await advance(100);
  expect(page.text('.status')).toBe(IN_CALL);
  expect(device.methods).toEqual(['start']);
  expect(page.node.querySelector('.denied')).toBeFalsy();
  expect(page.node.querySelector('.call')).toBeFalsy();
  expect(page.text('.hang-up')).toBe('挂断 / hang up');
});

it('camera denied: explains, offers the settings, and calls again once the camera is allowed there', async () => {
  const { page, device } = open({ permissions: { camera: false, record: true } });
  await advance(100);
  expect(device.methods).toEqual([]);
  expect(page.text('.status')).toBe('等待接通 / waiting');
  const denied = page.text('.denied');
  expect(denied).toContain('视频客服需要使用摄像头 / camera');
  expect(denied).toContain('摄像头权限被拒绝');
  expect(denied).toContain('camera permission denied');
  expect(page.node.querySelector('.open-settings')).toBeTruthy();
  expect(page.node.querySelector('.call')).toBeFalsy();
  expect(page.text('.error')).toBeNull();

  // In the settings page the person switches the camera on.
  device.grant('camera');
  page.tap('.open-settings');
  await advance(100);
  expect(device.calls.map((c) => c.method)).toContain('wx.openSetting');
  expect(contexts(device)).toBe(2);
  expect(page.node.querySelector('.denied')).toBeFalsy();
  expect(page.text('.status')).toBe(IN_CALL);
  expect(device.methods).toEqual(['start']);
});

it('camera revoked between two calls (device.deny): call again → PERMISSION_DENIED → the explanation', async () => {
  const { page, device } = open();
  await advance(100);
  page.tap('.hang-up');
  await advance(100);
  device.deny('camera');
  page.tap('.call');
  await advance(100);
  expect(page.text('.denied')).toContain('摄像头权限被拒绝');
  expect(page.text('.status')).toBe('已挂断 / hung up');
  expect(device.methods).toEqual(['start', 'stop']);
});

it('settings closed without the permission: the explanation stays and says so; nothing starts', async () => {
  const { page, device } = open({ permissions: { camera: false, record: true } });
  await advance(100);
  page.tap('.open-settings');
  await advance(100);
  expect(page.text('.still-denied')).toContain('Still not allowed');
  expect(page.node.querySelector('.open-settings')).toBeTruthy();
  expect(contexts(device)).toBe(1);
  expect(device.methods).toEqual([]);
});

it('the microphone refused at the system prompt: named in the explanation', async () => {
  const { page, device } = open({ permissions: { camera: true }, prompt: false });
  await advance(100);
  expect(device.calls.filter((c) => c.method === 'wx.authorize').map((c) => c.options.scope)).toEqual(['scope.record']);
  expect(page.text('.denied')).toContain('视频客服需要使用麦克风 / microphone');
  expect(device.methods).toEqual([]);
});

it('hang up, then call again', async () => {
  const { page, device } = open();
  await advance(100);
  page.tap('.hang-up');
  await advance(100);
  expect(page.text('.status')).toBe('已挂断 / hung up');
  expect(page.node.querySelector('.hang-up')).toBeFalsy();
  page.tap('.call');
  await advance(100);
  expect(page.text('.status')).toBe(IN_CALL);
  expect(device.methods).toEqual(['start', 'stop', 'start']);
});

it('emulate=permission-denied (a DevTools compile mode): binderror 10001, the settings, then an emulated call', async () => {
  const { page, device } = open({}, { emulate: 'permission-denied' });
  expect(livePusherAttributes(page)).toBeNull();
  await advance(200);
  // The trace's 10001 is a person's refusal ("Camera permission denied"), not the privacy block.
  expect(page.text('.denied')).toContain('摄像头权限被拒绝');
  page.tap('.open-settings');
  await advance(1000);
  expect(page.node.querySelector('.denied')).toBeFalsy();
  expect(page.text('.status')).toBe(IN_CALL);
  expect(device.methods).toEqual([]);
});
