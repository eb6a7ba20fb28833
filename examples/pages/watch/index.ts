import { watchRoom, type AudienceRoom, type ChatModule, type RoomStatus } from 'ts-pusher/im';
import { LIVE_ROOM } from '../../config';
import { explain } from '../../shared/run-on-pusher';

/** The Chat SDK, as DevTools' 构建 npm packs it (tim-wx-sdk works the same way). */
const TencentCloudChat: ChatModule = require('@tencentcloud/chat');

/** Chat lines kept on screen. */
const MAX_CHATS = 50;

/** Status words for people. */
const SHOWN: { [S in RoomStatus]: string } = {
  live: 'live 直播中',
  paused: 'paused 暂停',
  reconnecting: 'reconnecting 重连中',
  ended: 'ended 已结束',
  unknown: 'waiting for the host 等待主播',
};

Page({
  /** The room lives on the page instance, outside `data`: it is never rendered. */
  room: null as AudienceRoom | null,

  data: {
    /** What <live-player> plays: the host's play URL while the room is not over. */
    src: '',
    status: 'unknown' as RoomStatus,
    shown: SHOWN.unknown,
    /** No heartbeat from the host for a while. */
    stale: false,
    audience: 0,
    chats: [] as { id: number; from: string; text: string }[],
    /** Anonymous viewers receive only. */
    canSend: false,
    error: '',
  },

  onLoad() {
    if (!LIVE_ROOM.SDKAppID) {
      this.setData({ error: 'Fill in SDKAppID in config.ts / 请在 config.ts 填写 SDKAppID' });
      return;
    }
    const loggedIn = !!LIVE_ROOM.viewerUserSig;
    const room = (this.room = watchRoom({
      sdk: TencentCloudChat,
      SDKAppID: LIVE_ROOM.SDKAppID,
      groupID: LIVE_ROOM.groupID,
      hostID: LIVE_ROOM.hostUserID,
      ...(loggedIn ? { userID: LIVE_ROOM.viewerUserID, userSig: LIVE_ROOM.viewerUserSig } : {}),
    }));
    let id = 0;
    room.on('status', ({ status, playUrl, stale }) => {
      // An ended room stops the player; paused and reconnecting keep it waiting on the stream.
      this.setData({ status, shown: SHOWN[status], stale, src: status === 'ended' || status === 'unknown' ? '' : playUrl });
    });
    room.on('audience', ({ count }) => this.setData({ audience: count }));
    room.on('chat', ({ from, text }) => this.setData({ chats: [...this.data.chats, { id: ++id, from, text }].slice(-MAX_CHATS) }));
    room.on('error', (error) => this.setData({ error: explain(error) }));
    room.open().then(
      () => this.setData({ canSend: loggedIn }),
      (error: unknown) => this.setData({ error: explain(error) }),
    );
  },

  onUnload() {
    if (this.room) this.room.close();
    this.room = null;
  },

  onLike() {
    if (this.room) this.room.sendLike().catch((error: unknown) => this.setData({ error: explain(error) }));
  },
});
