/**
 * A throwaway component for the testing kit's player: a raw `<live-player id="player">`, its
 * context created in `ready` as WeChat wants it (`(id, this)`), and every tag event recorded.
 * It stands in for `<ts-player>` until that exists; it is no part of the library.
 */
interface Received {
  type: string;
  detail: unknown;
}

Component<
  { src: string },
  Record<string, never>,
  { record(e: Received): void },
  [],
  { received: Received[]; player: WechatMiniprogram.LivePlayerContext | null }
>({
  data: { src: 'http://play.example.com/live/room.flv' },
  lifetimes: {
    created() {
      this.received = [];
      this.player = null;
    },
    ready() {
      this.player = wx.createLivePlayerContext('player', this);
    },
  },
  methods: {
    record(e: Received) {
      this.received.push({ type: e.type, detail: e.detail });
    },
  },
});
