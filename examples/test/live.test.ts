/**
 * pages/live (hd-live): the start button, a lost connection the reconnect policy recovers, a
 * refused camera, and DevTools emulation, through the page as a person uses it.
 */
import { pusherOf, isPusherError } from 'ts-pusher';
import type { FakeDeviceOptions } from 'ts-pusher/testing';
import { advance, livePusherAttributes, pageTests } from './page';

const PUSH_URL = 'rtmp://push.example.com/live/demo?txSecret=0123456789abcdef&txTime=7FFFFFFF';

const open = pageTests('live');

/** Opens the page and types the push URL, as a person does. */
function openWithUrl(options: FakeDeviceOptions = {}, query: Record<string, string> = {}) {
  const opened = open(options, query);
  opened.page.instance.setData({ url: PUSH_URL });
  return opened;
}

it('start → pushing: the tag gets the hd-live preset and the URL, the status line follows', async () => {
  const { page, device } = openWithUrl();
  expect(livePusherAttributes(page)).toMatchObject({ url: PUSH_URL, mode: 'HD', minBitrate: 600, maxBitrate: 1200 });
  expect(page.text('.status')).toBe('status: idle');

  page.tap('.start');
  await advance(100);
  expect(page.text('.status')).toBe('status: pushing');
  expect(device.methods).toEqual(['start']);
  expect(page.text('.error')).toBeNull();
});

it('-1307 while pushing → reconnect after the backoff → pushing again, with no error', async () => {
  const { page, device } = openWithUrl();
  page.tap('.start');
  await advance(100);

  device.emit(-1307, 'network disconnected');
  await advance(0);
  expect(page.text('.status')).toBe('status: reconnecting');
  expect(device.methods).toEqual(['start']);

  // Attempt 1 waits 1 s ±20 %, then stops and starts the native pusher again.
  await advance(1300);
  expect(page.text('.warning')).toMatch(/^reconnect 1\/6 in (0\.[89]|1\.[0-2]) s after STATE_-1307/);
  await advance(100);
  expect(device.methods).toEqual(['start', 'stop', 'start']);
  expect(page.text('.status')).toBe('status: pushing');
  expect(page.text('.error')).toBeNull();
});

it('camera denied: start() rejects PERMISSION_DENIED, the page shows why, the tag is never started', async () => {
  const { page, device } = openWithUrl();
  device.deny('camera');

  const refused = pusherOf(page.instance)
    .start()
    .catch((error: unknown) => error);
  await advance(100);
  const error = await refused;
  expect(isPusherError(error) && error.code).toBe('PERMISSION_DENIED');
  expect(error).toMatchObject({
    message: expect.stringContaining('camera'),
    messageZh: expect.stringContaining('摄像头'),
    adviceZh: expect.any(String),
  });

  page.tap('.start');
  await advance(100);
  expect(page.text('.error')).toMatch(/^PERMISSION_DENIED: camera permission denied \/ 摄像头权限被拒绝/);
  expect(page.text('.status')).toBe('status: idle');
  expect(device.methods).toEqual([]);
});

it('emulate=gives-up (a DevTools compile mode): no <live-pusher>, a placeholder, -1307 and a reconnect', async () => {
  const { page, device } = openWithUrl({}, { emulate: 'gives-up' });
  expect(livePusherAttributes(page)).toBeNull();
  expect(page.text('#pusher')).toContain('ts-pusher · emulated · gives-up');

  page.tap('.start');
  await advance(1000);
  expect(page.text('.status')).toBe('status: pushing');
  expect(page.text('#pusher')).toContain('pushing');
  // The trace: 1102, 3002 ×3, then -1307 at 11 s; the reconnect policy takes over.
  await advance(12000);
  expect(page.text('.warning')).toMatch(/^reconnect 1\/6/);
  await advance(3000);
  expect(page.text('.status')).toBe('status: pushing');
  expect(device.methods).toEqual([]);
});

it('scan: a push URL from the studio page QR code fills the URL; other text is refused unshown', async () => {
  const { page } = open();
  const scanned: string[] = ['rtmp://127.0.0.1:1935/live/demo?txSecret=abc&txTime=7FFFFFFF', 'https://evil.example.com/?token=secret'];
  const scan = jest.spyOn(wx, 'scanCode').mockImplementation((options) => {
    const result = scanned.shift() as string;
    setTimeout(() => options.success?.({ result } as WechatMiniprogram.ScanCodeSuccessCallbackResult), 1);
    return undefined as never;
  });
  try {
    page.tap('.scan');
    await advance(10);
    expect(page.instance.data.url).toBe('rtmp://127.0.0.1:1935/live/demo?txSecret=abc&txTime=7FFFFFFF');

    page.tap('.scan');
    await advance(10);
    expect(page.instance.data.url).toBe('rtmp://127.0.0.1:1935/live/demo?txSecret=abc&txTime=7FFFFFFF');
    expect(page.text('.error')).toMatch(/not a push URL/);
    expect(page.text('.error')).not.toMatch(/evil|secret/);
    expect(scan).toHaveBeenCalledWith(expect.objectContaining({ scanType: ['qrCode'] }));
  } finally {
    scan.mockRestore();
  }
});
