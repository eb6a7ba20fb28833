import type { PermissionScope, PusherError, PusherEvent, PushStatus } from 'ts-pusher';
import { explain, runOnPusher } from '../../shared/run-on-pusher';

/** The call as the customer reads it, for every push status. */
const CALL_STATUS: { readonly [S in PushStatus]: string } = {
  idle: '等待接通 / waiting',
  starting: '正在接通 / connecting',
  pushing: '通话中 / in call',
  paused: '已暂停 / paused',
  reconnecting: '网络不稳，正在重连 / reconnecting',
  suspended: '已切到后台 / in the background',
  stopped: '已挂断 / hung up',
  failed: '接通失败 / call failed',
};

/** Statuses in which the call is on (or on its way): hang up is offered, not call again. */
const CALL_ON: readonly PushStatus[] = ['starting', 'pushing', 'paused', 'reconnecting', 'suspended'];

/** The permissions a video call needs, by name. */
const SCOPE_NAMES: { readonly [S in PermissionScope]: string } = { camera: '摄像头 / camera', record: '麦克风 / microphone' };

Page({
  data: {
    /** The agent's room: your server signs a push URL per call (`ts-pusher/server` signPushUrl). */
    url: '',
    /**
     * `''`: emulated in DevTools, the real tag on a phone. A DevTools compile mode with the query
     * `emulate=permission-denied` (or any trace name) plays that trace instead.
     */
    emulate: '',
    status: 'idle' as PushStatus,
    statusText: CALL_STATUS.idle,
    callOn: false,
    /** Scopes refused, from the `permission` event. */
    refused: [] as PermissionScope[],
    refusedNames: '',
    /** While camera or microphone is refused: the error's texts and the button to the settings. */
    denied: null as Pick<PusherError, 'message' | 'messageZh' | 'advice' | 'adviceZh'> | null,
    /** The settings page came back without the permission. */
    stillDenied: false,
    error: '',
  },

  onLoad(query: Record<string, string | undefined>) {
    if (query.emulate) this.setData({ emulate: query.emulate });
  },

  /** The call starts on its own: `start()` waits for the tag and asks for the permissions first. */
  onReady() {
    this.onCall();
  },

  onCall() {
    runOnPusher(
      this,
      (pusher) => pusher.start(),
      (error) => this.showDenied(error),
    );
  },

  onHangUp() {
    runOnPusher(this, (pusher) => pusher.stop());
  },

  /** A tap: `wx.openSetting` only opens from one. Granted → the tag is re-mounted, so call again. */
  onOpenSettings() {
    runOnPusher(
      this,
      async (pusher) => {
        const granted = await pusher.openPermissionSettings();
        this.setData(granted ? { denied: null, stillDenied: false } : { stillDenied: true });
        if (granted) await pusher.start();
      },
      (error) => this.showDenied(error),
    );
  },

  onStatus(e: PusherEvent<'statuschange'>) {
    const { status } = e.detail;
    this.setData({ status, statusText: CALL_STATUS[status], callOn: CALL_ON.indexOf(status) >= 0 });
  },

  onPermission(e: PusherEvent<'permission'>) {
    const { scope, granted } = e.detail;
    const refused = this.data.refused.filter((s) => s !== scope).concat(granted ? [] : [scope]);
    this.setData({ refused, refusedNames: refused.map((s) => SCOPE_NAMES[s]).join('、') });
  },

  /** A refusal also arrives here (and as a `binderror` 10001/10002 during a call). */
  onError(e: PusherEvent<'error'>) {
    if (!this.showDenied(e.detail)) this.setData({ error: explain(e.detail) });
  },

  /** Shows the permission panel for `PERMISSION_DENIED`; `false` for any other error. */
  showDenied(error: PusherError): boolean {
    if (error.code !== 'PERMISSION_DENIED') return false;
    const { message, messageZh, advice, adviceZh } = error;
    this.setData({ denied: { message, messageZh, advice, adviceZh } });
    return true;
  },
});
