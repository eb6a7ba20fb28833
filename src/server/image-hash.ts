/** The value `<live-pusher waiting-image-hash>` wants: the md5 of the waiting image's bytes. */
import { createHash } from 'crypto';
import { createReadStream } from 'fs';
import { argumentError } from '../errors';

const EXPECTED = ['a readable image file', '可读取的图片文件'] as const;

/** Lower-case hex md5 of a file, streamed so a large image is not read into memory at once. */
export function waitingImageHash(file: string): Promise<string> {
  if (typeof file !== 'string' || file.length === 0) {
    return Promise.reject(argumentError('waitingImageHash', 'file', EXPECTED[0], EXPECTED[1], file));
  }
  return new Promise((resolve, reject) => {
    const hash = createHash('md5');
    createReadStream(file)
      .on('error', (error) => reject(argumentError('waitingImageHash', 'file', EXPECTED[0], EXPECTED[1], file, error)))
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')));
  });
}
