/**
 * The studio page's optional peer dependencies, found at run time like node-media-server:
 * `mpegts.js` (the browser player of the live pictures) and `qrcode` (the push URL's QR code).
 * Without one the page still works and says, in English and Chinese, what to install.
 */
import { createRequire } from 'module';

const load = createRequire(__filename);

/** A studio peer: the package and what the page lacks without it. */
export type StudioPeer = 'mpegts.js' | 'qrcode';

/** `qrcode`'s one function the studio uses. */
interface QrCodeModule {
  toString(text: string, options: { type: 'svg'; errorCorrectionLevel: 'M'; margin: number }): Promise<string>;
}

/** Why a peer is missing, for the log and the page. */
export interface MissingPeerNotice {
  readonly peer: StudioPeer;
  readonly message: string;
  readonly messageZh: string;
  readonly advice: string;
  readonly adviceZh: string;
}

const WHAT: { readonly [P in StudioPeer]: readonly [string, string] } = {
  'mpegts.js': ['live pictures (streams are listed with their figures, without a picture)', '实时画面（流与参数照常列出，但没有画面）'],
  qrcode: ['QR codes of new push URLs (the URL and its copy button still work)', '新推流地址的二维码（地址与复制按钮照常可用）'],
};

/** The notice for a missing peer. */
export function missingPeerNotice(peer: StudioPeer): MissingPeerNotice {
  const [what, whatZh] = WHAT[peer];
  return {
    peer,
    message: `studio page: ${peer} is not installed, so the page shows no ${what}`,
    messageZh: `工作台页面：未安装 ${peer}，页面不显示${whatZh}`,
    advice: `install it: npm i -D ${peer}`,
    adviceZh: `请安装：npm i -D ${peer}`,
  };
}

/** Resolves a module next to ts-pusher first, then in the current project. */
function resolvePeer(request: string): string | undefined {
  for (const paths of [undefined, [process.cwd()]]) {
    try {
      return paths ? load.resolve(request, { paths }) : load.resolve(request);
    } catch {
      // try the next place
    }
  }
  return undefined;
}

/** The path of mpegts.js's browser build (`dist/mpegts.js`, works from a plain `<script>`), if installed. */
export function mpegtsScript(): string | undefined {
  return resolvePeer('mpegts.js/dist/mpegts.js');
}

/** `qrcode`, if installed. */
export function qrCodeModule(): QrCodeModule | undefined {
  const entry = resolvePeer('qrcode');
  if (!entry) return undefined;
  const loaded = load(entry) as Partial<QrCodeModule>;
  return typeof loaded.toString === 'function' && (loaded.toString as unknown) !== Object.prototype.toString
    ? (loaded as QrCodeModule)
    : undefined;
}

/** The notices of every studio peer that is missing. */
export function missingStudioPeers(found: { readonly mpegts: boolean; readonly qrcode: boolean }): MissingPeerNotice[] {
  const missing: StudioPeer[] = [];
  if (!found.mpegts) missing.push('mpegts.js');
  if (!found.qrcode) missing.push('qrcode');
  return missing.map(missingPeerNotice);
}
