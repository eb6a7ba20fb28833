/**
 * Quality: one level from each netstatus sample (`netQualityLevel` when the device sends it,
 * otherwise bitrate and frame rate against `maxBitrate` and `fps`); a new level must hold for
 * two samples, except `down`, which 1102 and -1307 set at once. `quality` fires on a change only.
 */
import type { PusherNetStatus, QualityLevel, QualitySource } from '../events';
import type { LiveHost, Policy, PolicyHost } from './index';

export type { QualityLevel, QualitySource };

/** Every level, best first (`netQualityLevel` n is `QUALITY_LEVELS[n - 1]`). */
export const QUALITY_LEVELS: readonly QualityLevel[] = 'excellent good fair poor bad down'.split(' ') as QualityLevel[];

/** The lowest share of `maxBitrate` / `fps` for excellent, good, fair, poor; above 0 is bad, 0 is down. */
export const QUALITY_THRESHOLDS: readonly number[] = [0.8, 0.6, 0.4, 0.2];

/** The level of one sample: `[level, source]`. */
export function qualityOf(
  status: Pick<PusherNetStatus, 'netQualityLevel' | 'videoBitrate' | 'audioBitrate' | 'videoFPS'>,
  maxBitrate: number,
  fps: number,
  camera: boolean,
): [QualityLevel, QualitySource] {
  const level = status.netQualityLevel;
  if (level >= 1 && level <= 6) return [QUALITY_LEVELS[Math.round(level) - 1], 'netQualityLevel'];
  const share = camera ? Math.min(status.videoBitrate / maxBitrate, status.videoFPS / fps) : status.audioBitrate > 0 ? 1 : 0;
  let i = 0;
  while (i < 4 && !(share >= QUALITY_THRESHOLDS[i])) i++;
  return [QUALITY_LEVELS[share > 0 ? i : 5], 'netstatus'];
}

/**
 * `levelOf`: a sample's level (default: the pusher's, against its `maxBitrate` and `fps`);
 * `down`: the codes that mean the connection is gone (default the pusher's 1102, -1307).
 */
export function qualityPolicy<N = PusherNetStatus>(
  host: LiveHost<string>,
  levelOf: (status: N) => [QualityLevel, QualitySource] = (status) => {
    const a = (host as PolicyHost).attrs;
    return qualityOf(status as PusherNetStatus, a.maxBitrate, a.fps, a.enableCamera);
  },
  down: readonly number[] = [1102, -1307],
): Policy<{ readonly status: string }, { readonly code: number | null }, N, unknown> {
  let level: QualityLevel | null = null;
  let candidate: QualityLevel | null = null;
  const set = (next: QualityLevel, source: QualitySource) => {
    candidate = null;
    if (next !== level) host.emit('quality', { level: next, previous: level, source });
    level = next;
  };
  return {
    onNet$(status) {
      if (!host.policies.quality) return;
      const [next, source] = levelOf(status);
      if (next === level) candidate = null;
      else if (next === candidate) set(next, source);
      else candidate = next;
    },
    onCode$(event) {
      if (host.policies.quality && down.indexOf(event.code!) >= 0) set('down', 'code');
    },
  };
}
