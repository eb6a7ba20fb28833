import type { PusherEvent, PushStatus } from 'ts-pusher';
import { explain, runOnPusher } from '../../shared/run-on-pusher';

Page({
  data: {
    /**
     * The rtmp:// push URL. Sign one for Tencent Cloud with
     * `npx ts-pusher sign --domain HOST --stream NAME --key KEY`, or run `npx ts-pusher ingest`
     * on a computer on the phone's network for a local server that prints its URL.
     */
    url: '',
    /** `''`: emulated in DevTools, the real tag on a phone; a trace name (query `emulate=…`) plays that trace. */
    emulate: '',
    status: 'idle' as PushStatus,
    /** The last warning: the SDK recovers by itself, so it is shown, not thrown. */
    warning: '',
    error: '',
    /** Temporary path of the last snapshot. */
    snapshot: '',
  },

  onLoad(query: Record<string, string | undefined>) {
    if (query.emulate) this.setData({ emulate: query.emulate });
  },

  onStatus(e: PusherEvent<'statuschange'>) {
    this.setData({ status: e.detail.status });
  },

  onWarning(e: PusherEvent<'warning'>) {
    const { code, message, messageZh } = e.detail;
    this.setData({ warning: `${code}: ${message} / ${messageZh}` });
  },

  /** The push was lost; ts-pusher pushes again after `delayMs` (the reconnect policy). */
  onReconnect(e: PusherEvent<'reconnect'>) {
    const { attempt, attempts, delayMs, cause } = e.detail;
    this.setData({
      warning: `reconnect ${attempt}/${attempts} in ${(delayMs / 1000).toFixed(1)} s after ${cause.code} / 第 ${attempt} 次重连`,
    });
  },

  /** Fatal codes and `binderror` arrive as a `PusherError`. */
  onError(e: PusherEvent<'error'>) {
    this.setData({ error: explain(e.detail) });
  },

  /** Takes a push URL from a QR code, e.g. the one the studio page of `npx ts-pusher ingest` shows. */
  onScan() {
    wx.scanCode({
      scanType: ['qrCode'],
      success: (result) => {
        const url = result.result.trim();
        // Anything else is not shown: it could be a URL with a secret in it.
        if (/^rtmps?:\/\/\S+$/.test(url)) this.setData({ url, error: '' });
        else this.setData({ error: 'the QR code is not a push URL (rtmp://…) / 二维码不是推流地址（rtmp://…）' });
      },
      fail: (err) => {
        if (!/cancel/.test(err.errMsg)) this.setData({ error: `scan failed: ${err.errMsg} / 扫码失败` });
      },
    });
  },

  onStart() {
    runOnPusher(this, (pusher) => pusher.start());
  },

  onStop() {
    runOnPusher(this, (pusher) => pusher.stop());
  },

  onPause() {
    runOnPusher(this, (pusher) => pusher.pause());
  },

  onResume() {
    runOnPusher(this, (pusher) => pusher.resume());
  },

  onSwitchCamera() {
    runOnPusher(this, (pusher) => pusher.switchCamera());
  },

  onSnapshot() {
    runOnPusher(this, async (pusher) => {
      const { tempImagePath } = await pusher.snapshot();
      this.setData({ snapshot: tempImagePath });
    });
  },
});
