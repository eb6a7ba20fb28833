/** The `ts-pusher` commands, by name (the order of the overview). */
import type { Command } from '../context';
import { EXPLAIN_COMMAND } from './explain';
import { HASH_COMMAND } from './hash';
import { INGEST_COMMAND } from './ingest';
import { PLAY_COMMAND } from './play';
import { SIGN_COMMAND } from './sign';
import { USERSIG_COMMAND } from './usersig';
import { VERIFY_COMMAND } from './verify';

/** Every command `runCli` knows. */
export const COMMANDS: { readonly [name: string]: Command } = {
  sign: SIGN_COMMAND,
  play: PLAY_COMMAND,
  verify: VERIFY_COMMAND,
  explain: EXPLAIN_COMMAND,
  hash: HASH_COMMAND,
  ingest: INGEST_COMMAND,
  usersig: USERSIG_COMMAND,
};
