/**
 * The Echo's AudioPlayer events, as decisions: directives only, never speech. NearlyFinished and
 * Failed work from the token alone (no database); Started, Stopped, the last Finished and a second
 * failure save progress, each write conditioned on the event being newer than what is stored. Pure.
 */
import type { Catalog } from '../playback/catalog';
import { nextItem } from '../playback/plan';
import { eventOrder, storableOffset, type ProgressEvent, type ProgressState } from '../playback/progress';
import type { PlaybackState } from '../playback/token';
import type { ProgressExtras } from '../store/types';
import type { Answer, Write } from './types';

export interface DeviceEvent {
  /** The playing item, when its token is one this skill issued. */
  state: PlaybackState | undefined;
  token: string | undefined;
  offsetMs: number;
  timestamp: string;
  nowMs: number;
}

function progressWrite(catalog: Catalog, event: DeviceEvent, kind: ProgressEvent, state: PlaybackState, progressState: ProgressState, extras?: ProgressExtras): Write[] {
  const seq = eventOrder(event.timestamp, kind, event.nowMs);
  if (seq === undefined) return [];
  const offsetMs = storableOffset(catalog, state.segmentId, event.offsetMs);
  const progress = { variant: state.variant, segmentId: state.segmentId, offsetMs, state: progressState, nonce: state.nonce, seq };
  return [{ kind: 'progress', progress, ...(extras ? { extras } : {}) }];
}

export function playbackStarted(catalog: Catalog, event: DeviceEvent): Answer {
  const { state } = event;
  if (!state) return {};
  const countStart = state.segmentId === catalog.variants[state.variant][0] && event.offsetMs === 0;
  const startedAtSec = Math.floor(Date.parse(event.timestamp) / 1000);
  const extras = { countStart, ...(countStart && Number.isSafeInteger(startedAtSec) ? { startedAtSec } : {}) };
  return { writes: progressWrite(catalog, event, 'PlaybackStarted', state, 'playing', extras) };
}

export function playbackNearlyFinished(catalog: Catalog, event: DeviceEvent): Answer {
  const next = event.state && nextItem(catalog, event.state);
  return next && event.token ? { enqueue: { next, after: event.token } } : {};
}

/** Only the practice's end needs a write: any other item is followed by a Started. */
export function playbackFinished(catalog: Catalog, event: DeviceEvent): Answer {
  const { state } = event;
  if (!state || nextItem(catalog, state)) return {};
  return { writes: progressWrite(catalog, event, 'PlaybackFinished', state, 'completed', { completedAt: event.timestamp }) };
}

export function playbackStopped(catalog: Catalog, event: DeviceEvent): Answer {
  return event.state ? { writes: progressWrite(catalog, event, 'PlaybackStopped', event.state, 'paused') } : {};
}

/** Retry the same place once (the token remembers the attempt), then keep the place; never speak. */
export function playbackFailed(catalog: Catalog, event: DeviceEvent): Answer {
  const { state } = event;
  if (!state) return {};
  if (state.attempt === 0) return { play: { ...state, attempt: 1, offsetMs: event.offsetMs } };
  return { writes: progressWrite(catalog, event, 'PlaybackFailed', state, 'paused') };
}
