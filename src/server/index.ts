/**
 * `ts-pusher/server`: Node-only (≥ 18) push-URL signing and verifying, and the local RTMP
 * ingest (Node ≥ 20, needs the optional peer `node-media-server`) with its studio page
 * (optional peers `mpegts.js`, `qrcode`). Never bundled for phones.
 */
export { signPushUrl, signPlayUrls, signStream, txSecretOf } from './sign';
export type { ExpiryOptions, StreamSignOptions, StreamSignature, PushUrlOptions, PlayUrlOptions, PlayUrls } from './sign';
export { verifyPushUrl, verifyPushParts, REFUSAL_TEXT } from './verify';
export type { VerifyFailureReason, VerifiedPush, RefusedPush, VerifyResult, VerifyOptions, PushParts } from './verify';
export { startIngest } from './ingest';
export type {
  Ingest,
  IngestOptions,
  IngestPlayUrls,
  IngestLogEntry,
  IngestEvent,
  IngestLogLevel,
  IngestRefusalReason,
  MediaLogLevel,
} from './ingest';
export type { MissingPeerNotice, StudioPeer } from './studio-peers';
export { waitingImageHash } from './image-hash';
export { isMissingPeer } from './media-server';
export { NAME_PATTERN } from './arguments';
export { redactUrl } from '../redact';
export { genUserSig, verifyUserSig, USERSIG_REFUSAL_TEXT } from './usersig';
export type {
  UserSigOptions,
  UserSigVerifyOptions,
  UserSigVerifyResult,
  VerifiedUserSig,
  RefusedUserSig,
  UserSigFailureReason,
} from './usersig';
