/**
 * Waiting image: `waiting-image` without `waiting-image-hash` gets its md5 computed on the
 * device (downloaded first when it is an http(s) URL), cached per image, and put on the tag.
 * A failure is a warning: the push goes on without the image.
 */
import { describeCode } from '../codes';
import { eventOf, type PusherLibraryWarning } from '../events';
import { redactDeep, redactUrl } from '../redact';
import type { Policy, PolicyHost } from './index';

/** md5 by image URL, shared by every instance of the mini-program. */
const HASHES: { [image: string]: string } = {};

export function waitingImagePolicy(host: PolicyHost): Policy {
  let current = '';
  return {
    onAttrs$(attrs) {
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
            // 10004's entry (the waiting image failed to load, a media warning): the same texts, for
            // the same fix; a library warning has no native code and a name of its own.
            if (current === image)
              host.emit(
                'warning',
                eventOf<PusherLibraryWarning>(
                  describeCode(10004),
                  redactDeep(failure),
                  redactUrl(String((failure && failure.errMsg) || failure)),
                  { code: null, name: 'WAITING_IMAGE_HASH' },
                ),
              );
          },
        );
    },
    onStop$(final) {
      if (final) current = '';
    },
  };
}
