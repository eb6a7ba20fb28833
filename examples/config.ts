/**
 * Live room settings for pages/host and pages/watch (README, "Live room"). With SDKAppID 0 the
 * two pages show what to fill in instead of connecting. Never put the Chat secret key here:
 * UserSigs come from a server (`genUserSig` in ts-pusher/server) or, while developing, from
 * `npx ts-pusher usersig --sdk-app-id N --user ID --key KEY`.
 */
export const LIVE_ROOM = {
  /** Your Chat application's SDKAppID (console: Chat → Applications). */
  SDKAppID: 0,
  /** The AVChatRoom both pages use: the host creates it if it does not exist. */
  groupID: 'ts-pusher-demo',
  /** The host's user ID and a UserSig for it. */
  hostUserID: 'host-1',
  hostUserSig: '',
  /** What viewers play (`npx ts-pusher play … --stream …` prints it): sent with every status. */
  playUrl: '',
  /** A viewer who may chat and like; leave the UserSig empty to watch anonymously. */
  viewerUserID: 'viewer-1',
  viewerUserSig: '',
};
