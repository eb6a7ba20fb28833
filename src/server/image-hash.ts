/** The value `<live-pusher waiting-image-hash>` wants: the md5 of the waiting image's bytes. */
import { createHash } from 'crypto';
import { createReadStream, promises as fs } from 'fs';
import { argumentError } from '../errors';

/**
 * Image formats by their first bytes. A waiting image is decoded on the phone, so a file that
 * is none of these (a saved HTML error page, a text file) would only fail there, as 10004.
 */
const SIGNATURES: ReadonlyArray<readonly [format: string, offset: number, bytes: readonly number[]]> = [
  ['PNG', 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['JPEG', 0, [0xff, 0xd8, 0xff]],
  ['GIF', 0, [0x47, 0x49, 0x46, 0x38]],
  ['WebP', 8, [0x57, 0x45, 0x42, 0x50]],
  ['BMP', 0, [0x42, 0x4d]],
];
const HEAD_BYTES = 12;
const FORMATS = ['PNG, JPEG, GIF, WebP or BMP', 'PNG、JPEG、GIF、WebP 或 BMP'] as const;

/** The image format `head` (a file's first bytes) starts with, if any. */
export function imageFormat(head: Uint8Array): string | undefined {
  const match = SIGNATURES.find(
    ([, offset, bytes]) => head.length >= offset + bytes.length && bytes.every((byte, i) => head[offset + i] === byte),
  );
  // WebP is RIFF....WEBP: the container tag is checked too.
  if (match && match[0] === 'WebP' && String.fromCharCode(head[0], head[1], head[2], head[3]) !== 'RIFF') return undefined;
  return match && match[0];
}

/** Refuses a path that is not a readable image file, naming `arg` of `method`. */
export async function checkImageFile(method: string, arg: string, file: unknown): Promise<string> {
  if (typeof file !== 'string' || file.length === 0) throw argumentError(method, arg, 'the path of an image file', '图片文件的路径', file);
  const head = new Uint8Array(HEAD_BYTES);
  let read = 0;
  try {
    const handle = await fs.open(file, 'r');
    try {
      read = (await handle.read(head, 0, HEAD_BYTES, 0)).bytesRead;
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw argumentError(method, arg, `a readable file (${String(code || error)})`, `可读取的文件（${String(code || error)}）`, file, error);
  }
  if (!imageFormat(head.subarray(0, read))) {
    throw argumentError(
      method,
      arg,
      `a ${FORMATS[0]} image (its first bytes match none of them)`,
      `${FORMATS[1]} 图片（文件开头的字节不符合其中任何一种）`,
      file,
    );
  }
  return file;
}

/** Lower-case hex md5 of an image file, streamed; refuses what is not an image, naming `arg` of `method`. */
export async function hashImageFile(method: string, arg: string, file: string): Promise<string> {
  await checkImageFile(method, arg, file);
  return new Promise((resolve, reject) => {
    const hash = createHash('md5');
    createReadStream(file)
      .on('error', (error) => reject(argumentError(method, arg, 'a readable file', '可读取的文件', file, error)))
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** The md5 `waiting-image-hash` wants, of a PNG, JPEG, GIF, WebP or BMP file (checked by its first bytes). */
export function waitingImageHash(file: string): Promise<string> {
  return hashImageFile('waitingImageHash', 'file', file);
}
