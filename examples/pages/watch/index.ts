import { isPusherError, playerOf, type PlayerEvent, type PlayerInstance, type PlayStatus, type QualityLevel } from 'ts-pusher';
import { watchRoom, type AudienceRoom, type ChatModule, type RoomStatus, type RoomStatusEvent } from 'ts-pusher/im';
import { LIVE_ROOM } from '../../config';
import { explain } from '../../shared/run-on-pusher';

/** The Chat SDK, as DevTools' 构建 npm packs it (tim-wx-sdk works the same way). */
const TencentCloudChat: ChatModule = require('@tencentcloud/chat');

/** Chat lines kept on screen. */
const MAX_CHATS = 50;

/** The room's status for people. */
const SHOWN: { [S in RoomStatus]: string } = {
  live: 'live 直播中',
  paused: 'paused 暂停',
  reconnecting: 'reconnecting 重连中',
  ended: 'ended 已结束',
  unknown: 'waiting for the host 等待主播',
};

/** What the viewer is told besides the status, by room status. */
const NOTES: { [S in RoomStatus]: string } = {
  live: '',
  paused: 'The host paused the live: the last picture stays until it goes on / 主播暂停了直播，画面停在最后一帧，恢复后继续播放',
  reconnecting: "The host's network is reconnecting: the picture comes back by itself / 主播网络重连中，画面会自动恢复",
  ended: 'The live has ended / 直播已结束',
  unknown: '',
};

/** The player's status for people. */
const PLAYER_SHOWN: { [S in PlayStatus]: string } = {
  idle: 'idle 未播放',
  loading: 'loading 加载中',
  playing: 'playing 播放中',
  buffering: 'buffering 缓冲中',
  paused: 'paused 已暂停',
  reconnecting: 'reconnecting 重连中',
  suspended: 'in the background 后台暂停',
  ended: 'stream ended 流已结束',
  stopped: 'stopped 已停止',
  failed: 'failed 播放失败',
};

/** Network quality for people (`quality` fires only when the level changes). */
const QUALITY_SHOWN: { [Q in QualityLevel]: string } = {
  excellent: 'excellent 极好',
  good: 'good 良好',
  fair: 'fair 一般',
  poor: 'poor 较差',
  bad: 'bad 很差',
  down: 'down 已断开',
};

/** Player statuses in which a live room needs no new play(): it plays, or its policies bring it back. */
const ON_IT: readonly PlayStatus[] = ['loading', 'playing', 'buffering', 'reconnecting', 'suspended'];

Page({
  /** The room lives on the page instance, outside `data`: it is never rendered. */
  room: null as AudienceRoom | null,
  /** The room status the player last followed: a heartbeat (or `stale`) repeats it, the player is not told twice. */
  followed: 'unknown' as RoomStatus,

  data: {
    /** `''`: emulated in DevTools, the real tag on a phone; a trace name (query `emulate=…`) plays that trace. */
    emulate: '',
    /** What `<ts-player>` plays: the host's play URL, set when the room goes live. */
    src: '',
    status: 'unknown' as RoomStatus,
    shown: SHOWN.unknown,
    note: '',
    /** No heartbeat from the host for a while. */
    stale: false,
    player: 'idle' as PlayStatus,
    playerShown: PLAYER_SHOWN.idle,
    /** The last `reconnect` attempt, until the picture is back. */
    reconnect: '',
    quality: '',
    audience: 0,
    chats: [] as { id: number; from: string; text: string }[],
    /** Anonymous viewers receive only. */
    canSend: false,
    error: '',
  },

  onLoad(query: Record<string, string | undefined>) {
    if (query.emulate) this.setData({ emulate: query.emulate });
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
    room.on('status', (status) => this.follow(status));
    room.on('audience', ({ count }) => this.setData({ audience: count }));
    room.on('chat', ({ from, text }) => this.setData({ chats: [...this.data.chats, { id: ++id, from, text }].slice(-MAX_CHATS) }));
    room.on('error', (error) => this.setData({ error: explain(error) }));
    room.open().then(
      () => this.setData({ canSend: loggedIn }),
      (error: unknown) => this.setData({ error: explain(error) }),
    );
  },

  onUnload() {
    // `<ts-player>` goes with the page (its policies and timers end at detach); the room quits.
    if (this.room) this.room.close();
    this.room = null;
  },

  /**
   * The host's status drives the player: live → play(), paused → pause() (the native player holds
   * its last picture, and a paused player is not taken for a stalled one), ended → stop(). While
   * the host reconnects, the player waits on the stream with its own reconnect policy.
   */
  follow({ status, playUrl, stale }: RoomStatusEvent) {
    this.setData({ status, shown: SHOWN[status], note: NOTES[status], stale });
    const changed = status !== this.followed || (status === 'live' && playUrl !== this.data.src);
    this.followed = status;
    if (!changed) return;
    if (status === 'live') this.play(playUrl);
    else if (status === 'paused')
      this.withPlayer((player) => (player.status === 'playing' || player.status === 'buffering' ? player.pause() : null));
    else if (status === 'ended')
      this.withPlayer((player) => (player.status === 'idle' || player.status === 'stopped' ? null : player.stop()));
  },

  /** Plays `url` unless the player is on it already. */
  play(url: string) {
    if (!url) {
      this.setData({
        error:
          'The host sent no play URL: set playUrl in config.ts on the host page / 主播没有发送播放地址：请在主播端 config.ts 填写 playUrl',
      });
      return;
    }
    const same = url === this.data.src;
    // The new src reaches <ts-player> first, then it plays.
    this.setData({ src: url }, () => this.withPlayer((player) => (same && ON_IT.indexOf(player.status) >= 0 ? null : player.play())));
  },

  /** Runs `action` on `#player`; a rejection is shown (a play() that a stop() called off is not a problem). */
  withPlayer(action: (player: PlayerInstance) => Promise<unknown> | null) {
    let done: Promise<unknown> | null;
    try {
      done = action(playerOf(this, '#player'));
    } catch (error) {
      this.setData({ error: explain(error) });
      return;
    }
    if (done)
      done.catch((error: unknown) => {
        if (!isPusherError(error) || error.code !== 'ABORTED') this.setData({ error: explain(error) });
      });
  },

  onStatus(e: PlayerEvent<'statuschange'>) {
    const { status } = e.detail;
    // The picture is back: the reconnect line and an older error are over.
    const over = status === 'playing' ? { reconnect: '', error: '' } : {};
    this.setData({ player: status, playerShown: PLAYER_SHOWN[status], ...over });
  },

  /** The stream was lost; ts-pusher plays again after `delayMs` (the reconnect policy). */
  onReconnect(e: PlayerEvent<'reconnect'>) {
    const { attempt, attempts, delayMs, cause } = e.detail;
    this.setData({
      reconnect: `reconnect ${attempt}/${attempts} in ${(delayMs / 1000).toFixed(1)} s after ${cause.code} / 第 ${attempt} 次重连`,
    });
  },

  onQuality(e: PlayerEvent<'quality'>) {
    this.setData({ quality: QUALITY_SHOWN[e.detail.level] });
  },

  /** Fatal codes, a stall that could not be recovered and `binderror` arrive as a `PusherError`. */
  onError(e: PlayerEvent<'error'>) {
    this.setData({ error: explain(e.detail) });
  },

  /** The player gave up while the host is still live: a person asks for another try. */
  onRetry() {
    this.setData({ error: '' });
    this.withPlayer((player) => player.play());
  },

  onLike() {
    if (this.room) this.room.sendLike().catch((error: unknown) => this.setData({ error: explain(error) }));
  },
});
