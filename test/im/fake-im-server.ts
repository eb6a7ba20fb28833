/**
 * An in-process stand-in for Tencent Cloud Chat's servers, for the real SDK packages under test.
 *
 * Each SDK copy gets its own `wx` (`server.wx()`): `connectSocket` opens a connection to this
 * server, `request` is answered by it, the platform probes the SDKs make at import and login
 * are answered like a phone would. Nothing else exists: there is no path to a network.
 *
 * The protocol is the one both pinned SDKs speak (tooling-notes, "Tencent Cloud Chat SDK"):
 * JSON `{ head: { servcmd, seq, … }, body }` frames; a reply carries the request's head and a
 * body with `ErrorCode: 0` (or the error), UTF-8 in a binary frame. Login checks the UserSig
 * with ts-pusher's own `verifyUserSig`, so the server code is part of the contract.
 */
import { verifyUserSig } from '../../src/server';

/** One frame the SDK sent: its command and body. */
export interface ReceivedFrame {
  readonly connection: number;
  readonly servcmd: string;
  readonly body: { [key: string]: unknown };
  readonly head: { [key: string]: unknown };
}

/** A group message as the long poll delivers it (`RspMsgList` entry). */
interface GroupMessage {
  readonly Event: number;
  readonly GroupId: string;
  readonly From_Account: string;
  readonly MsgSeq: number;
  readonly MsgRandom: number;
  readonly MsgTime: number;
  readonly MsgBody: unknown[];
}

interface Connection {
  readonly id: number;
  readonly url: string;
  userID: string | null;
  readonly deliver: (frame: unknown) => void;
  /** Group messages waiting for this connection's next long poll. */
  readonly inbox: GroupMessage[];
  /** A long poll waiting for messages: answer it. */
  waiting?: () => void;
  closed: boolean;
}

type Handler = (
  body: { [key: string]: unknown },
  connection: Connection,
  head: { [key: string]: unknown },
) => { [key: string]: unknown } | Promise<{ [key: string]: unknown }>;

/** Hosts the SDKs may talk to; anything else is refused and recorded as a stray. */
const SOCKET_HOSTS = /^wss:\/\/(?:wss\.im\.qcloud\.com|\d+w4c\.my-imcloud\.com)\/(?:b?info)\?/;
const REQUEST_HOSTS = /^https:\/\/web\.sdk\.(?:qcloud\.com|cloud\.tencent\.cn|tencent\.cn)\/im\/download\/error-message\//;

const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };

function toArrayBuffer(text: string): ArrayBuffer {
  const bytes = Buffer.from(text, 'utf8');
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

export class FakeImServer {
  readonly frames: ReceivedFrame[] = [];
  /** Sockets and requests to anywhere but this server's hosts. */
  readonly strays: string[] = [];
  readonly requests: string[] = [];
  readonly sockets: string[] = [];
  /** Group ID → the connections in it. */
  readonly groups = new Map<string, Set<Connection>>();
  private readonly connections: Connection[] = [];
  private seq = 0;
  private readonly handlers: { [servcmd: string]: Handler };
  /** How long a long poll is held when nothing is waiting (the real one holds up to 90 s). */
  holdMs = 50;

  constructor(
    readonly sdkAppId: number,
    private readonly secretKey: string,
  ) {
    const now = () => Math.floor(Date.now() / 1000);
    const join: Handler = (body, connection) => {
      const groupID = String(body.GroupId);
      const members = this.groups.get(groupID);
      if (!members) return { ActionStatus: 'FAIL', ErrorCode: 10010, ErrorInfo: 'group id invalid or group not exist' };
      members.add(connection);
      return { ...OK, JoinedStatus: 'JoinedSuccess', LongPollingKey: `key-${connection.id}`, HugeGroupFlag: 1, StartSeq: this.seq + 1 };
    };
    const poll: Handler = async (_body, connection) => {
      if (!connection.inbox.length) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.holdMs);
          connection.waiting = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        connection.waiting = undefined;
      }
      const list = connection.inbox.splice(0);
      return { ...OK, Key: `key-${connection.id}`, NextSeq: this.seq + 1, RspMsgList: list };
    };
    this.handlers = {
      'im_open_status.wslogin': (_body, connection, head) => {
        const userID = String(head.identifier);
        const verdict = verifyUserSig(String(head.usersig), { sdkAppId: this.sdkAppId, secretKey: this.secretKey, userId: userID });
        if (!verdict.ok)
          return { ActionStatus: 'FAIL', ErrorCode: verdict.reason === 'expired' ? 70001 : 70003, ErrorInfo: `UserSig ${verdict.reason}` };
        connection.userID = userID;
        return {
          ...OK,
          A2Key: `a2-${connection.id}`,
          TinyId: String(144115000000000000 + connection.id),
          HelloInterval: 120,
          InstId: connection.id,
          TimeStamp: now(),
        };
      },
      'im_open_status.wslogout': (_body, connection) => {
        connection.userID = null;
        return OK;
      },
      'recentcontact.page_get': () => ({ ...OK, CompleteFlag: 1, TimeStamp: 0, StartIndex: 0, TopTimeStamp: 0, TopStartIndex: 0 }),
      'sns.black_list_get': () => ({ ...OK, StartIndex: 0, BlackListItem: [], CurruentSequence: 0 }),
      'openim.getmsg': () => ({ ...OK, Cookie: 'cookie', SyncFlag: 2, MsgList: [] }),
      'group_open_http_svc.create_group': (body) => {
        const groupID = String(body.GroupId);
        if (this.groups.has(groupID)) return { ActionStatus: 'FAIL', ErrorCode: 10021, ErrorInfo: 'group id has been used' };
        this.groups.set(groupID, new Set());
        return { ...OK, GroupId: groupID };
      },
      'group_open_http_svc.apply_join_group': join,
      'group_open_http_noauth_svc.apply_join_group': join,
      'group_open_http_svc.get_group_self_member_info': (body) => ({
        ...OK,
        GroupInfo: ((body.GroupIdList as string[]) || []).map((groupID) => ({
          ...OK,
          GroupId: groupID,
          Type: 'AVChatRoom',
          Name: groupID,
          MemberNum: (this.groups.get(groupID) || new Set()).size,
        })),
      }),
      'group_open_long_polling_http_svc.get_msg': poll,
      'group_open_long_polling_http_noauth_svc.get_msg': poll,
      'group_open_http_svc.send_group_msg': (body, connection) => {
        const groupID = String(body.GroupId);
        const members = this.groups.get(groupID);
        if (!members || !members.has(connection)) return { ActionStatus: 'FAIL', ErrorCode: 10007, ErrorInfo: 'not a member' };
        const message = this.post(
          groupID,
          String(body.From_Account || connection.userID),
          body.MsgBody as unknown[],
          Number(body.Random),
          connection,
        );
        return { ...OK, MsgTime: message.MsgTime, MsgSeq: message.MsgSeq };
      },
      'group_open_http_svc.quit_group': (body, connection) => {
        const members = this.groups.get(String(body.GroupId));
        if (members) members.delete(connection);
        return OK;
      },
      'group_open_http_svc.get_online_member_num': (body) => ({
        ...OK,
        OnlineMemberNum: (this.groups.get(String(body.GroupId)) || new Set()).size,
      }),
    };
  }

  /** Creates a group, as the console or a REST call would. */
  createGroup(groupID: string): void {
    if (!this.groups.has(groupID)) this.groups.set(groupID, new Set());
  }

  /** Posts a group message (what a member or the REST API sends) to every member but `except`. */
  post(groupID: string, from: string, body: unknown[], random = Math.floor(Math.random() * 1e9), except?: Connection): GroupMessage {
    const message: GroupMessage = {
      Event: 3,
      GroupId: groupID,
      From_Account: from,
      MsgSeq: ++this.seq,
      MsgRandom: random,
      MsgTime: Math.floor(Date.now() / 1000),
      MsgBody: body,
    };
    for (const member of this.groups.get(groupID) || []) {
      if (member === except || member.closed) continue;
      member.inbox.push(message);
      if (member.waiting) member.waiting();
    }
    return message;
  }

  /** Posts a plain text message from `from`. */
  postText(groupID: string, from: string, text: string): void {
    this.post(groupID, from, [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }]);
  }

  /** Posts a ts-pusher custom message from `from`. */
  postCustom(groupID: string, from: string, data: object): void {
    this.post(groupID, from, [{ MsgType: 'TIMCustomElem', MsgContent: { Data: JSON.stringify(data), Desc: '', Ext: 'ts-pusher' } }]);
  }

  /** The commands received, in order, optionally only those of one connection. */
  commands(connection?: number): string[] {
    return this.frames.filter((f) => connection === undefined || f.connection === connection).map((f) => f.servcmd);
  }

  /** The ts-pusher custom messages members sent, decoded. */
  sentData(): { from: string; data: { [key: string]: unknown } }[] {
    return this.frames
      .filter((f) => f.servcmd === 'group_open_http_svc.send_group_msg')
      .flatMap((f) =>
        (f.body.MsgBody as { MsgType: string; MsgContent: { Data?: string; Ext?: string } }[])
          .filter((e) => e.MsgType === 'TIMCustomElem' && e.MsgContent.Ext === 'ts-pusher')
          .map((e) => ({ from: String(f.body.From_Account), data: JSON.parse(e.MsgContent.Data as string) })),
      );
  }

  openConnections(): number {
    return this.connections.filter((c) => !c.closed).length;
  }

  private receive(connection: Connection, frame: { head: { [key: string]: unknown }; body: { [key: string]: unknown } }): void {
    const servcmd = String(frame.head.servcmd);
    this.frames.push({ connection: connection.id, servcmd, body: frame.body, head: frame.head });
    const handler = this.handlers[servcmd] || (() => OK);
    Promise.resolve(handler(frame.body || {}, connection, frame.head)).then((body) => {
      if (!connection.closed) connection.deliver({ head: frame.head, body });
    });
  }

  /** A `wx` for one SDK copy: everything the SDKs call, answered here or like a phone. */
  wx(): { [name: string]: unknown } {
    const storage = new Map<string, unknown>();
    const server = this;
    return {
      getSystemInfoSync: () => ({
        fontSizeSetting: 16,
        platform: 'devtools',
        SDKVersion: '3.3.0',
        system: 'iOS 17.0',
        model: 'iPhone',
        version: '8.0.50',
        language: 'zh_CN',
      }),
      getAccountInfoSync: () => ({ miniProgram: { appId: 'wx0000000000000000', envVersion: 'develop', version: '' } }),
      getNetworkType: (o: { success?: (r: { networkType: string }) => void }) => o.success && o.success({ networkType: 'wifi' }),
      onNetworkStatusChange: () => undefined,
      offNetworkStatusChange: () => undefined,
      onAppShow: () => undefined,
      onAppHide: () => undefined,
      offAppShow: () => undefined,
      offAppHide: () => undefined,
      getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
      setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
      removeStorageSync: (key: string) => void storage.delete(key),
      getStorageInfoSync: () => ({ keys: Array.from(storage.keys()) }),
      setStorage: (o: { key: string; data: unknown; success?: () => void }) => {
        storage.set(o.key, o.data);
        if (o.success) o.success();
      },
      request(o: { url: string; success?: (r: { statusCode: number; data: string }) => void; fail?: (e: { errMsg: string }) => void }) {
        server.requests.push(o.url);
        setTimeout(() => {
          if (!REQUEST_HOSTS.test(o.url)) {
            server.strays.push(`request ${o.url}`);
            if (o.fail) o.fail({ errMsg: 'request:fail not the fake server' });
          } else if (o.success) o.success({ statusCode: 200, data: '10010:group does not exist;\n70001:UserSig expired;\n' });
        });
        return { abort: () => undefined };
      },
      connectSocket(o: { url: string }) {
        server.sockets.push(o.url);
        const listeners: { [event: string]: (arg: unknown) => void } = {};
        const id = server.connections.length + 1;
        const connection: Connection = {
          id,
          url: o.url,
          userID: null,
          inbox: [],
          closed: false,
          deliver: (frame) =>
            setTimeout(() => !connection.closed && listeners.message && listeners.message({ data: toArrayBuffer(JSON.stringify(frame)) })),
        };
        const task = {
          onOpen: (fn: (arg: unknown) => void) => void (listeners.open = fn),
          onMessage: (fn: (arg: unknown) => void) => void (listeners.message = fn),
          onClose: (fn: (arg: unknown) => void) => void (listeners.close = fn),
          onError: (fn: (arg: unknown) => void) => void (listeners.error = fn),
          send(message: { data: string | ArrayBuffer; success?: () => void; fail?: (e: unknown) => void }) {
            if (connection.closed) {
              if (message.fail) message.fail({ errMsg: 'sendSocketMessage:fail closed' });
              return;
            }
            const text = typeof message.data === 'string' ? message.data : Buffer.from(message.data).toString('utf8');
            if (message.success) message.success();
            server.receive(connection, JSON.parse(text));
          },
          close(options?: { code?: number }) {
            if (connection.closed) return;
            connection.closed = true;
            for (const members of server.groups.values()) members.delete(connection);
            if (connection.waiting) connection.waiting();
            setTimeout(() => listeners.close && listeners.close({ code: (options && options.code) || 1000, reason: '' }));
          },
        };
        server.connections.push(connection);
        setTimeout(() => {
          if (SOCKET_HOSTS.test(o.url)) {
            if (listeners.open) listeners.open({ header: {} });
          } else {
            server.strays.push(`socket ${o.url}`);
            connection.closed = true;
            if (listeners.error) listeners.error({ errMsg: 'connectSocket:fail not the fake server' });
          }
        });
        return task;
      },
    };
  }
}
