import { isPusherError, pusherOf, type PusherEvent, type PusherInstance, type PushStatus } from 'ts-pusher';

/** One line for a person: code, both messages and what to do. */
function explain(error: unknown): string {
  if (!isPusherError(error)) return String(error);
  return `${error.code}: ${error.message} / ${error.messageZh}. ${error.advice}`;
}

Page({
  data: {
    /**
     * The rtmp:// push URL. Sign one for Tencent Cloud with
     * `npx ts-pusher sign --domain HOST --stream NAME --key KEY`, or run `npx ts-pusher ingest`
     * on a computer on the phone's network for a local server that prints its URL.
     */
    url: '',
    status: 'idle' as PushStatus,
    /** The last warning: the SDK recovers by itself, so it is shown, not thrown. */
    warning: '',
    error: '',
    /** Temporary path of the last snapshot. */
    snapshot: '',
  },

  onStatus(e: PusherEvent<'statuschange'>) {
    this.setData({ status: e.detail.status });
  },

  onWarning(e: PusherEvent<'warning'>) {
    const { code, message, messageZh } = e.detail;
    this.setData({ warning: `${code}: ${message} / ${messageZh}` });
  },

  /** Fatal codes and `binderror` arrive as a `PusherError`. */
  onError(e: PusherEvent<'error'>) {
    this.setData({ error: explain(e.detail) });
  },

  onStart() {
    this.run((pusher) => pusher.start());
  },

  onStop() {
    this.run((pusher) => pusher.stop());
  },

  onPause() {
    this.run((pusher) => pusher.pause());
  },

  onResume() {
    this.run((pusher) => pusher.resume());
  },

  onSwitchCamera() {
    this.run((pusher) => pusher.switchCamera());
  },

  onSnapshot() {
    this.run(async (pusher) => {
      const { tempImagePath } = await pusher.snapshot();
      this.setData({ snapshot: tempImagePath });
    });
  },

  /** Every method rejects with a `PusherError`; show it instead of leaving it unhandled. */
  async run(action: (pusher: PusherInstance) => Promise<unknown>) {
    if (this.data.error) this.setData({ error: '' });
    try {
      await action(pusherOf(this, '#pusher'));
    } catch (error) {
      this.setData({ error: explain(error) });
    }
  },
});
