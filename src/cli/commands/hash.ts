/** `ts-pusher hash`: the md5 `<live-pusher waiting-image-hash>` wants. */
import { checkImageFile, hashImageFile } from '../../server/image-hash';
import { print, type Command } from '../context';
import { EXIT } from '../help';

/** `ts-pusher hash`. */
export const HASH_COMMAND: Command = {
  options: {},
  positionals: ['IMAGE'],
  async check(args, context, problems) {
    await problems.settle('IMAGE', () => checkImageFile(context.name, 'IMAGE', args.positionals[0]));
  },
  async run(args, context) {
    const file = args.positionals[0];
    const md5 = await hashImageFile(context.name, 'IMAGE', file);
    print(context, { file, md5 }, [md5]);
    return EXIT.OK;
  },
};
