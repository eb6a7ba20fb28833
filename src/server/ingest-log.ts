/** The vocabulary of the ingest's log: what it reports, shared by the ingest and the studio page. */
import type { VerifyFailureReason } from './verify';

/** Why the ingest refused a push: a verify reason, or a stream that already has a publisher. */
export type IngestRefusalReason = VerifyFailureReason | 'stream-in-use';

/** What a log entry is about (`server`: node-media-server's own line; `studio`: the studio page lacks a peer). */
export type IngestEvent = 'listening' | 'publish' | 'unpublish' | 'refused' | 'play' | 'stopped' | 'server' | 'studio';

/** Severity of a log entry. */
export type IngestLogLevel = 'debug' | 'info' | 'warn' | 'error';

/** One thing the ingest reports; every text has `txSecret` redacted. */
export interface IngestLogEntry {
  readonly time: Date;
  readonly level: IngestLogLevel;
  readonly event: IngestEvent;
  /** English line. */
  readonly message: string;
  /** Chinese line. */
  readonly messageZh: string;
  /** `app/stream`. */
  readonly stream?: string;
  /** Set on `refused`. */
  readonly reason?: IngestRefusalReason;
  /** `app/stream?query` as the client sent it, `txSecret=***`. */
  readonly url?: string;
  /** `address:port` of the client. */
  readonly client?: string;
}
