/** `<ts-player>` when the device and the page's calls cross: what was settled meanwhile sends nothing to the device. */
import { playerEachTest, tick } from './player-setup';

const open = playerEachTest();

it('a play() settled by playback that began by itself while it waited in the queue sends no native stop', async () => {
  const t = open();
  const played = t.player.play();
  // The native player reports playback (autoplay) before the play() had its turn.
  t.device.player.emit(2004);
  await tick(600000);
  await played;
  expect(t.statuses()).toEqual(['playing']);
  expect(t.device.player.methods).toEqual([]);
});
