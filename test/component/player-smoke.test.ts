import { playerEachTest, tick } from './player-setup';

const open = playerEachTest();

it('plays: loading, then playing on 2004', async () => {
  const t = open();
  const played = t.player.play();
  await tick(20);
  await played;
  expect(t.statuses()).toEqual(['loading', 'playing']);
  expect(t.device.player.methods).toEqual(['play']);
  expect(t.tag()!.data.src).toBe('rtmp://play.example.com/live/room1');
});

it('offline: -2301 after the native retries, no attempt while offline, the first at once when online', async () => {
  const t = open();
  await Promise.all([t.player.play(), tick(20)]);
  t.device.offline();
  await tick(5000);
  expect(t.player.status).toBe('reconnecting');
  const plays = t.device.player.methods.filter((m) => m === 'play').length;
  await tick(600000);
  expect(t.device.player.methods.filter((m) => m === 'play').length).toBe(plays);
  t.device.online();
  await tick(50);
  expect(t.device.player.methods.filter((m) => m === 'play').length).toBe(plays + 1);
  expect(t.player.status).toBe('playing');
  expect(t.events('reconnect')).toMatchObject([{ attempt: 1, delayMs: 0 }]);
});

it('stream gone: backoff restarts while online, then failed with the broadcaster advice', async () => {
  const t = open();
  await Promise.all([t.player.play(), tick(20)]);
  t.device.player.streamGone();
  await tick(400000);
  expect(t.player.status).toBe('failed');
  expect(t.events('reconnect').length).toBe(6);
  const errors = t.events<{ code: string; advice: string }>('error');
  expect(errors[errors.length - 1].advice).toContain('broadcaster may have stopped');
});
