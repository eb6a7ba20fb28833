/** Help texts of the `ts-pusher` CLI: one entry a command, plus the overview with exit codes. */

/** Exit codes scripts can rely on. */
export const EXIT = {
  /** Done; `verify` accepted the URL; `explain` knew the code. */
  OK: 0,
  /** A negative answer: `verify` refused the URL, `explain` got a code outside the catalogue. */
  NO: 1,
  /** Usage error: unknown command or option, missing or invalid value, port in use. */
  USAGE: 2,
  /** A peer dependency is missing: `ingest` needs node-media-server. */
  MISSING_PEER: 3,
  /** Anything unexpected (I/O error, the server failing). */
  FAILURE: 4,
} as const;

/** One of `EXIT`'s values. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

const EXIT_CODES = `Exit codes:
  0  done (verify: URL valid; explain: code known)
  1  negative answer (verify: URL refused; explain: code not in the catalogue)
  2  usage error (unknown option, missing or invalid value, port in use)
  3  missing peer dependency (ingest: npm i -D node-media-server)
  4  unexpected failure`;

const COMMON = `  --json         print one JSON object (ingest: one per line); errors too, listed in "problems"
  --lang en|zh   language of explanations (default en); errors always print both
  -h, --help     this help`;

/** Help of each command, by name. */
export const COMMAND_HELP: { readonly [command: string]: string } = {
  sign: `Usage: ts-pusher sign --domain HOST --stream NAME --key KEY [--ttl SECONDS | --expires WHEN | --tx-time HEX]

Prints a push URL signed as Tencent Cloud computes it:
  rtmp://HOST/APP/NAME?txSecret=md5(KEY+NAME+txTime)&txTime=HEX(expiry)

Options:
  --domain HOST    push domain, optionally with :port (no scheme)
  --stream NAME    stream name: letters, digits, _ and -
  --key KEY        push authentication key (default: $TS_PUSHER_KEY, which keeps it out of shell history)
  --app APP        app name (default live)
  --ttl SECONDS    lifetime (default 86400: a host can resume after a network drop)
  --expires WHEN   absolute expiry: unix seconds or an ISO date (2030-01-01T00:00:00Z);
                   at the latest 2106-02-07T06:28:15Z, the most 8 hex digits of txTime hold
  --tx-time HEX    a ready txTime, e.g. to reproduce a URL
${COMMON}

${EXIT_CODES}`,

  play: `Usage: ts-pusher play --domain HOST --stream NAME [--play-domain HOST] [--key PLAYKEY [--ttl SECONDS]]

Prints the play URLs of a stream: rtmp, flv (HTTP-FLV), hls and webrtc (LEB).
Signed with --key (the play domain's authentication key) when given, unsigned otherwise.

Options:
  --domain HOST       push domain; also the play domain unless --play-domain is given
  --play-domain HOST  play domain
  --stream NAME       stream name
  --app APP           app name (default live)
  --key PLAYKEY       play authentication key (only when play authentication is on)
  --ttl SECONDS       lifetime of a signed URL (default 86400); or --expires WHEN, --tx-time HEX
  --http              http:// instead of https:// for flv and hls
${COMMON}

${EXIT_CODES}`,

  verify: `Usage: ts-pusher verify URL --key KEY [--now WHEN]

Checks a push URL as Tencent Cloud would: txSecret against the key, txTime against the clock.
Quote the URL: it contains '&'. Prints "valid" (exit 0) or the refusal reason (exit 1):
malformed, missing-signature, expired or bad-signature.

Options:
  --key KEY     push authentication key (default: $TS_PUSHER_KEY)
  --now WHEN    check against this instant (unix seconds or ISO date) instead of the clock
${COMMON}

${EXIT_CODES}`,

  explain: `Usage: ts-pusher explain CODE

What a <live-pusher> state or error code means (bindstatechange, binderror), its kind
(event, warning, fatal) and what to do. CODE is a number (negative ones too: -1307)
or a constant name (PUSH_ERR_NET_DISCONNECT). Exit 1 for a code outside the catalogue.

Options:
${COMMON}

${EXIT_CODES}`,

  hash: `Usage: ts-pusher hash IMAGE

Prints the md5 of an image file: the value <live-pusher waiting-image-hash> wants.
IMAGE must be a PNG, JPEG, GIF, WebP or BMP file (checked by its first bytes): anything
else would only fail on the phone (binderror 10004).

Options:
${COMMON}

${EXIT_CODES}`,

  ingest: `Usage: ts-pusher ingest [--key KEY] [--host ADDRESS | --lan] [--rtmp-port N] [--http-port N]

Starts a local RTMP server (node-media-server) that accepts only pushes whose URL is signed
with KEY and not expired, and one publisher per stream, exactly as Tencent Cloud does: the
URL format is the same, so a page works against both. Prints the studio page's address, a
push URL to paste into the page and the play URLs. Refused pushes are logged with the reason
(a device reports 3004).

The studio page (http://HOST:HTTP-PORT/, printed first; English and Chinese) shows every
stream being pushed with its live picture (mpegts.js), resolution, frame rate, bitrates,
codecs, sender and start, updated live; the refused pushes with their reason; and makes new
push URLs, signed on this machine (the key never reaches the page), with a copy button and a
QR code (qrcode) that the example's live page scans. It is as reachable as the streams:
this machine only by default, the network with --lan or --host.
Logs show txSecret=***. Ctrl-C (SIGINT) or SIGTERM stops it cleanly, and so does its parent
process exiting (npx may exit on SIGTERM without passing the signal on).

Options:
  --key KEY        push authentication key (default: $TS_PUSHER_KEY, else a random one, printed)
  --host ADDRESS   bind address (default 127.0.0.1: this machine only)
  --lan            bind this machine's LAN address so a phone on the same Wi-Fi can push
  --rtmp-port N    RTMP port (default 1935; 0 picks a free one)
  --http-port N    HTTP-FLV port (default 8000; 0 picks a free one)
  --stream NAME    stream of the printed push URL (default demo)
  --app APP        app name (default live)
  --ttl SECONDS    lifetime of the printed push URL (default 86400)
  --data-dir DIR   node-media-server data folder (default: a temporary one, removed on stop)
  --verbose        also print node-media-server's own log lines (marked node-media-server:);
                   without it only the ingest's own lines: listening, push accepted,
                   refused (with the reason), ended, stopped
  --no-studio      do not serve the studio page
${COMMON}

Needs Node >= 20 and node-media-server (npm i -D node-media-server); the studio page's
pictures need mpegts.js and its QR codes qrcode (npm i -D mpegts.js qrcode): without them the
page says what is missing and works otherwise.

${EXIT_CODES}`,

  usersig: `Usage: ts-pusher usersig --sdk-app-id N --user ID [--key KEY] [--ttl SECONDS]

Prints a Tencent Cloud Chat UserSig (TLS 2.0, as tls-sig-api-v2 computes it) that logs ID in
to the Chat application N: what ts-pusher/im's createHostRoom and watchRoom take as userSig.
Keep the key on servers: a mini-program gets UserSigs from your backend (genUserSig).

Options:
  --sdk-app-id N   the Chat application's SDKAppID
  --user ID        the user ID (printable ASCII without spaces, at most 32 bytes)
  --key KEY        the application's secret key (default: $TS_PUSHER_IM_KEY, which keeps it out of shell history)
  --ttl SECONDS    lifetime (default 86400)
${COMMON}

${EXIT_CODES}`,
};

/** The overview: `ts-pusher --help`. */
export const OVERVIEW = `ts-pusher: push URLs and a local RTMP ingest for <live-pusher> pages (Node only)
ts-pusher：推流地址签名与本地 RTMP 推流服务（仅限 Node）

Usage: ts-pusher COMMAND [options]      (ts-pusher COMMAND --help for details)

Commands:
  sign      sign a push URL, Tencent Cloud format (txSecret, txTime)
  play      play URLs of a stream: rtmp, flv, hls, webrtc
  verify    check a push URL's signature and expiry
  explain   what a state or error code means and what to do
  hash      md5 of an image, for waiting-image-hash
  ingest    local RTMP server that accepts only signed pushes, with a studio page
  usersig   a Tencent Cloud Chat UserSig, for ts-pusher/im rooms

Options:
${COMMON}
  --version      print the version

${EXIT_CODES}`;
