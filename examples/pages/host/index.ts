import type { PusherEvent, PushStatus } from 'ts-pusher';
import { createHostRoom, type ChatModule, type HostRoom, type RoomStatus } from 'ts-pusher/im';
import { LIVE_ROOM } from '../../config';
import { explain, runOnPusher } from '../../shared/run-on-pusher';

/** The Chat SDK, as DevTools' 构建 npm packs it (tim-wx-sdk works the same way). */
const TencentCloudChat: ChatModule = require('@tencentcloud/chat');

/** Chat lines kept on screen. */
const MAX_CHATS = 50;

Page({
  /** The room lives on the page instance, outside `data`: it is never rendered. */
  room: null as HostRoom | null,

  data: {
    /** The rtmp:// push URL (`npx ts-pusher sign …`); none needed while DevTools emulates the pusher. */
    url: '',
    status: 'idle' as PushStatus,
    /** What the audience is told. */
    roomStatus: 'unknown' as RoomStatus,
    audience: 0,
    chats: [] as { id: number; from: string; text: string }[],
    likes: 0,
    draft: '',
    error: '',
  },

  onLoad() {
    if (!LIVE_ROOM.SDKAppID || !LIVE_ROOM.hostUserSig) {
      this.setData({ error: 'Fill in SDKAppID and hostUserSig in config.ts / 请在 config.ts 填写 SDKAppID 和 hostUserSig' });
      return;
    }
    const room = (this.room = createHostRoom({
      sdk: TencentCloudChat,
      SDKAppID: LIVE_ROOM.SDKAppID,
      groupID: LIVE_ROOM.groupID,
      userID: LIVE_ROOM.hostUserID,
      userSig: LIVE_ROOM.hostUserSig,
      playUrl: LIVE_ROOM.playUrl || undefined,
    }));
    let id = 0;
    room.on('status', ({ status }) => this.setData({ roomStatus: status }));
    room.on('audience', ({ count }) => this.setData({ audience: count }));
    room.on('chat', ({ from, text }) => this.setData({ chats: [...this.data.chats, { id: ++id, from, text }].slice(-MAX_CHATS) }));
    room.on('like', ({ count }) => this.setData({ likes: this.data.likes + count }));
    room.on('error', (error) => this.setData({ error: explain(error) }));
    room.open().catch((error: unknown) => this.setData({ error: explain(error) }));
  },

  onUnload() {
    // Tells the audience the live has ended, quits and logs out.
    if (this.room) this.room.close();
    this.room = null;
  },

  /** Every push status goes to the room; it announces only changes. */
  onStatus(e: PusherEvent<'statuschange'>) {
    this.setData({ status: e.detail.status });
    if (this.room) this.room.publish(e.detail.status).catch((error: unknown) => this.setData({ error: explain(error) }));
  },

  onError(e: PusherEvent<'error'>) {
    this.setData({ error: explain(e.detail) });
  },

  onStart() {
    runOnPusher(this, (pusher) => pusher.start());
  },

  onStop() {
    runOnPusher(this, (pusher) => pusher.stop());
  },

  onSend() {
    const text = this.data.draft.trim();
    if (!this.room || !text) return;
    this.room.sendText(text).then(
      () => this.setData({ draft: '' }),
      (error: unknown) => this.setData({ error: explain(error) }),
    );
  },
});
