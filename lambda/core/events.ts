/**
 * The Echo's AudioPlayer events, as decisions: directives only, never speech. NearlyFinished and
 * Failed work from the token alone (no database); Started, Stopped, the last Finished and a second
 * failure save progress, each write conditioned on the event being newer than what is stored. Pure.
 */
import type { Catalog } from '../playback/catalog';
import { nextItem } from '../playback/plan';
import { isSleepSounds, nextSleepItem, sleepSoundsDurationMs } from '../playback/sleep-sounds';
import { eventOrder, storableOffset, type ProgressEvent, type ProgressState } from '../playback/progress';
import type { PlaybackState } from '../playback/token';
import type { ProgressExtras } from '../playback/record';
import type { Answer, Write } from './types';

export interface DeviceEvent {
  /** The playing item, when its token is one this skill issued. */
  state: PlaybackState | undefined;
  token: string | undefined;
  offsetMs: number;
  timestamp: string;
  nowMs: number;
}

function progressWrite(
  catalog: Catalog,
  event: DeviceEvent,
  kind: ProgressEvent,
  state: PlaybackState,
  progressState: ProgressState,
  extras?: ProgressExtras,
): Write[] {
  const seq = eventOrder(event.timestamp, kind, event.nowMs);
  if (seq === undefined) return [];
  const offsetMs = storableOffset(catalog, state.segmentId, event.offsetMs);
  const progress = { variant: state.variant, segmentId: state.segmentId, offsetMs, state: progressState, nonce: state.nonce, seq };
  return [{ kind: 'progress', progress, ...(extras ? { extras } : {}) }];
}

/** The sleep sounds are never practice progress: nothing about them is written. */
const isPractice = (state: PlaybackState | undefined): state is PlaybackState => state !== undefined && !isSleepSounds(state.segmentId);

export function playbackStarted(catalog: Catalog, event: DeviceEvent): Answer {
  const { state } = event;
  if (!isPractice(state)) return {};
  const countStart = state.segmentId === catalog.variants[state.variant][0] && event.offsetMs === 0;
  const startedAtSec = Math.floor(Date.parse(event.timestamp) / 1000);
  const extras = { countStart, ...(countStart && Number.isSafeInteger(startedAtSec) ? { startedAtSec } : {}) };
  return { writes: progressWrite(catalog, event, 'PlaybackStarted', state, 'playing', extras) };
}

/** The next item from the token alone: the practice's, then the sleep sounds' chain. */
export function playbackNearlyFinished(catalog: Catalog, event: DeviceEvent): Answer {
  const next = event.state && (nextItem(catalog, event.state) ?? nextSleepItem(catalog, event.state));
  return next && event.token ? { enqueue: { next, after: event.token } } : {};
}

/** Minutes of sleep sounds this item played, for the operator's metric (never stored). */
function sleepHeard(state: PlaybackState, playedMs: number): Answer {
  const minutes = Math.round(Math.max(0, playedMs) / 6_000) / 10;
  return minutes > 0 ? { sleepSoundsHeard: { variant: state.variant, minutes } } : {};
}

/** Only the practice's end needs a write: any other item is followed by a Started. */
export function playbackFinished(catalog: Catalog, event: DeviceEvent): Answer {
  const { state } = event;
  if (state && isSleepSounds(state.segmentId)) return sleepHeard(state, sleepSoundsDurationMs(catalog, state.segmentId) ?? 0);
  if (!isPractice(state) || nextItem(catalog, state)) return {};
  return { writes: progressWrite(catalog, event, 'PlaybackFinished', state, 'completed', { completedAt: event.timestamp }) };
}

export function playbackStopped(catalog: Catalog, event: DeviceEvent): Answer {
  if (event.state && isSleepSounds(event.state.segmentId)) return sleepHeard(event.state, event.offsetMs);
  return isPractice(event.state) ? { writes: progressWrite(catalog, event, 'PlaybackStopped', event.state, 'paused') } : {};
}

/** Retry the same place once (the token remembers the attempt), then keep the place; never speak. */
export function playbackFailed(catalog: Catalog, event: DeviceEvent): Answer {
  const { state } = event;
  if (!state) return {};
  if (state.attempt === 0) return { play: { ...state, attempt: 1, offsetMs: event.offsetMs } };
  return isPractice(state) ? { writes: progressWrite(catalog, event, 'PlaybackFailed', state, 'paused') } : {};
}
