/**
 * Waiting image: `waiting-image` without `waiting-image-hash` gets its md5 computed on the
 * device (downloaded first when it is an http(s) URL), cached per image, and put on the tag.
 * A failure is a warning: the push goes on without the image.
 */
import { pusherError } from '../errors';
import type { Policy, PolicyHost } from './index';

/** md5 by image URL, shared by every instance of the mini-program. */
const HASHES: { [image: string]: string } = {};

export function waitingImagePolicy(host: PolicyHost): Policy {
  let current = '';
  return {
    _attrs(attrs) {
      const image = host.policies.waitingImageHash && !attrs.waitingImageHash ? attrs.waitingImage : '';
      if (image === current) return;
      if (current && !image) host.patch({ waitingImageHash: '' });
      current = image;
      if (!image) return;
      if (HASHES[image]) return host.patch({ waitingImageHash: HASHES[image] });
      const { platform } = host;
      Promise.resolve(/^https?:/i.test(image) ? platform.downloadFile(image) : image)
        .then((path) => platform.fileMd5(path))
        .then(
          (md5) => {
            HASHES[image] = md5;
            if (current === image) host.patch({ waitingImageHash: md5 });
          },
          (failure) => {
            if (current !== image) return;
            const { message, messageZh, advice, adviceZh, cause } = pusherError('NATIVE_FAIL', { errMsg: (failure && failure.errMsg) || failure }, failure, { text: 'WAITING_IMAGE' });
            host.emit('warning', { kind: 'warning', code: null, name: 'WAITING_IMAGE_HASH', category: 'media', message, messageZh, advice, adviceZh, raw: cause });
          },
        );
    },
    _stop(final) {
      if (final) current = '';
    },
  };
}
