/**
 * What the studio page shows, kept on the server: the streams being pushed (with figures read
 * from node-media-server each second) and the pushes the ingest refused. The page receives it
 * as one JSON snapshot per change and per second; nothing in it is secret (URLs are redacted).
 */
import type { IngestLogEntry, IngestRefusalReason } from './ingest-log';
import type { MediaBroadcast, MediaContext, MediaPacket, MediaPublisher } from './media-server';
import { REFUSAL_TEXT } from './verify';

/** Figures of a stream, from its metadata and what arrived in the last second. */
export interface StudioStreamStats {
  readonly width?: number;
  readonly height?: number;
  readonly fps?: number;
  readonly videoCodec?: string;
  readonly audioCodec?: string;
  readonly audioSampleRate?: number;
  readonly audioChannels?: number;
  /** kbit/s of video and audio packets; absent when node-media-server does not let them be counted. */
  readonly videoKbps?: number;
  readonly audioKbps?: number;
  /** kbit/s received from the publisher, everything included. */
  readonly totalKbps?: number;
}

/** A stream on the page. */
export interface StudioStream {
  /** `app/stream`. */
  readonly path: string;
  readonly app: string;
  readonly stream: string;
  /** `address:port` of the publisher. */
  readonly client: string;
  /** ISO time the push was accepted. */
  readonly since: string;
  readonly state: 'live' | 'ended';
  readonly endedAt?: string;
  readonly playUrls: { readonly flv: string; readonly wsFlv: string; readonly rtmp: string };
  readonly stats: StudioStreamStats;
}

/** A refused push on the page. */
export interface StudioRefusal {
  readonly id: number;
  readonly time: string;
  readonly path?: string;
  readonly client?: string;
  readonly reason: IngestRefusalReason;
  /** The reason for people, in both languages. */
  readonly text: readonly [string, string];
  /** What the phone reports for every refusal. */
  readonly phoneCode: 3004;
  /** The URL as pushed, `txSecret=***`. */
  readonly url?: string;
}

/** Everything the page renders. */
export interface StudioSnapshot {
  readonly streams: readonly StudioStream[];
  readonly refusals: readonly StudioRefusal[];
}

/** How long an ended stream stays on the page (with its last picture), and how many refusals it lists. */
export const ENDED_KEEP_MS = 60000;
const REFUSALS_KEPT = 50;

const VIDEO_CODECS: { readonly [id: string]: string } = {
  '2': 'H.263',
  '4': 'VP6',
  '7': 'H.264',
  '12': 'HEVC',
  '13': 'AV1',
  avc1: 'H.264',
  hvc1: 'HEVC',
  hev1: 'HEVC',
};
const AUDIO_CODECS: { readonly [id: string]: string } = { '2': 'MP3', '10': 'AAC', '11': 'Speex', '13': 'Opus', mp4a: 'AAC' };

function codecName(table: { readonly [id: string]: string }, id: number | string | undefined): string | undefined {
  if (id === undefined || id === 0 || id === '') return undefined;
  return Object.prototype.hasOwnProperty.call(table, String(id)) ? table[String(id)] : `codec ${id}`;
}

const positive = (value: number | undefined): number | undefined => (typeof value === 'number' && value > 0 ? value : undefined);

/** Bytes by kind counted at the broadcast, for the video and audio bitrates. */
interface Counters {
  video: number;
  audio: number;
}

/** The streams and refusals, updated from the ingest's log entries and node-media-server's state. */
export class StudioStreams {
  private readonly streams = new Map<
    string,
    { stream: Omit<StudioStream, 'stats'>; stats: StudioStreamStats; last?: { at: number; video: number; audio: number; total: number } }
  >();
  private readonly refusals: StudioRefusal[] = [];
  private readonly counters = new WeakMap<MediaBroadcast, Counters>();
  private nextRefusal = 1;

  constructor(
    private readonly context: MediaContext | undefined,
    private readonly playUrlsOf: (app: string, stream: string) => StudioStream['playUrls'],
  ) {}

  /** Takes one ingest log entry; true when the page should hear of it now. */
  record(entry: IngestLogEntry): boolean {
    const path = entry.stream;
    if (entry.event === 'publish' && path) {
      const [app, stream] = path.split('/');
      this.streams.set(path, {
        stream: {
          path,
          app,
          stream,
          client: entry.client || '',
          since: entry.time.toISOString(),
          state: 'live',
          playUrls: this.playUrlsOf(app, stream),
        },
        stats: {},
      });
      return true;
    }
    if (entry.event === 'unpublish' && path) {
      const known = this.streams.get(path);
      if (known) known.stream = { ...known.stream, state: 'ended', endedAt: entry.time.toISOString() };
      return !!known;
    }
    if (entry.event === 'refused' && entry.reason) {
      const text = REFUSAL_TEXT[entry.reason];
      this.refusals.unshift({
        id: this.nextRefusal++,
        time: entry.time.toISOString(),
        path,
        client: entry.client,
        reason: entry.reason,
        text: [text[0], text[1]],
        phoneCode: 3004,
        url: entry.url,
      });
      this.refusals.length = Math.min(this.refusals.length, REFUSALS_KEPT);
      return true;
    }
    return false;
  }

  /** Reads each live stream's figures and drops streams that ended long enough ago. */
  sample(now = Date.now()): void {
    for (const [path, entry] of this.streams) {
      if (entry.stream.state === 'ended') {
        if (now - Date.parse(entry.stream.endedAt as string) > ENDED_KEEP_MS) this.streams.delete(path);
        continue;
      }
      const broadcast = this.context ? this.context.broadcasts.get('/' + path) : undefined;
      const publisher = broadcast && broadcast.publisher;
      if (!broadcast || !publisher) continue;
      const counted = this.countersOf(broadcast);
      const total = typeof publisher.inBytes === 'number' ? publisher.inBytes : 0;
      const current = { at: now, video: counted ? counted.video : 0, audio: counted ? counted.audio : 0, total };
      const kbps = (bytes: number, last: number, ms: number): number => Math.round(((bytes - last) * 8) / ms);
      const last = entry.last;
      const ms = last ? now - last.at : 0;
      const rates =
        last && ms > 0
          ? {
              totalKbps: kbps(current.total, last.total, ms),
              ...(counted ? { videoKbps: kbps(current.video, last.video, ms), audioKbps: kbps(current.audio, last.audio, ms) } : {}),
            }
          : {};
      entry.stats = { ...describe(publisher), ...rates };
      entry.last = current;
    }
  }

  /** What the page renders now. */
  snapshot(): StudioSnapshot {
    return { streams: Array.from(this.streams.values(), ({ stream, stats }) => ({ ...stream, stats })), refusals: this.refusals.slice() };
  }

  /** Counts packet bytes by kind as they pass the broadcast; undefined when it cannot be wrapped. */
  private countersOf(broadcast: MediaBroadcast): Counters | undefined {
    const known = this.counters.get(broadcast);
    if (known) return known;
    const forward = broadcast.broadcastMessage;
    if (typeof forward !== 'function') return undefined;
    const counters: Counters = { video: 0, audio: 0 };
    broadcast.broadcastMessage = (packet: MediaPacket) => {
      if (packet.codec_type === 9) counters.video += packet.size;
      else if (packet.codec_type === 8) counters.audio += packet.size;
      forward(packet);
    };
    this.counters.set(broadcast, counters);
    return counters;
  }
}

/** The figures a publisher's metadata gives. */
function describe(publisher: MediaPublisher): StudioStreamStats {
  return {
    width: positive(publisher.videoWidth),
    height: positive(publisher.videoHeight),
    fps: positive(publisher.videoFramerate),
    videoCodec: codecName(VIDEO_CODECS, publisher.videoCodec),
    audioCodec: codecName(AUDIO_CODECS, publisher.audioCodec),
    audioSampleRate: positive(publisher.audioSamplerate),
    audioChannels: positive(publisher.audioChannels),
  };
}
