/** `<ts-player>`: the definition lives beside this file and, in the phone build, inside the player's part (`player/core.js`). */
import { definePlayer } from './definition';

definePlayer();
