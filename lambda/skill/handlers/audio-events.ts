/**
 * AudioPlayer events. Answers carry directives only. NearlyFinished and Failed work from the
 * token alone (no database); Started, Stopped and the last Finished save progress, each write
 * conditioned on the event being newer than what is stored.
 */
import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { interfaces } from 'ask-sdk-model';
import { nextItem, partOf } from '../../playback/plan';
import { eventOrder, storableOffset, type Progress, type ProgressEvent, type ProgressState } from '../../playback/progress';
import type { PlaybackState } from '../../playback/token';
import type { ProgressExtras } from '../../store/types';
import type { SkillDeps } from '../deps';
import { listenerKey, logId } from '../listener';
import { decode, enqueueAfter, playReplacingQueue } from '../player';
import { isRequest } from './match';

type AudioEvent = interfaces.audioplayer.PlaybackStartedRequest & { type: string };

export function audioEventHandlers(deps: SkillDeps): RequestHandler[] {
  const eventOf = (input: HandlerInput) => input.requestEnvelope.request as AudioEvent;

  const save = async (
    input: HandlerInput,
    event: ProgressEvent,
    state: PlaybackState,
    progressState: ProgressState,
    offsetMs: number,
    extras?: ProgressExtras,
  ): Promise<boolean> => {
    const seq = eventOrder(eventOf(input).timestamp, event, deps.now());
    if (seq === undefined) return false;
    const key = listenerKey(input.requestEnvelope);
    const progress: Progress = {
      variant: state.variant,
      segmentId: state.segmentId,
      offsetMs: storableOffset(deps.catalog, state.segmentId, offsetMs),
      state: progressState,
      nonce: state.nonce,
      seq,
    };
    const timeZone = deps.zoneHandoff?.take(key, deps.now());
    try {
      const outcome = await deps.store.saveProgress(key, progress, timeZone ? { ...extras, timeZone } : extras);
      if (outcome === 'stale') deps.log.info('older event ignored', { event, listener: logId(key) });
      return outcome === 'saved';
    } catch (error) {
      deps.log.warn('progress write failed', { event, listener: logId(key), error: String(error) });
      deps.log.metric?.('Error.ProgressWrite', state.variant);
      return false;
    }
  };

  const started: RequestHandler = {
    canHandle: (input) => isRequest(input, 'AudioPlayer.PlaybackStarted'),
    async handle(input) {
      const request = eventOf(input);
      const state = decode(deps, request.token);
      if (state) {
        const first = deps.catalog.variants[state.variant][0];
        const countStart = state.segmentId === first && (request.offsetInMilliseconds ?? 0) === 0;
        const startedAtSec = Math.floor(Date.parse(request.timestamp) / 1000);
        const saved = await save(input, 'PlaybackStarted', state, 'playing', request.offsetInMilliseconds ?? 0, {
          countStart,
          ...(countStart && Number.isSafeInteger(startedAtSec) ? { startedAtSec } : {}),
        });
        // Counted once: a repeated or late event is stale and saves nothing.
        if (saved && countStart) deps.log.metric?.('PracticeStarted', state.variant);
      }
      return input.responseBuilder.getResponse();
    },
  };

  const nearlyFinished: RequestHandler = {
    canHandle: (input) => isRequest(input, 'AudioPlayer.PlaybackNearlyFinished'),
    handle(input) {
      const request = eventOf(input);
      const state = decode(deps, request.token);
      const next = state && nextItem(deps.catalog, state);
      if (next && request.token) enqueueAfter(deps, input, next, request.token);
      return input.responseBuilder.getResponse();
    },
  };

  const finished: RequestHandler = {
    canHandle: (input) => isRequest(input, 'AudioPlayer.PlaybackFinished'),
    async handle(input) {
      const request = eventOf(input);
      const state = decode(deps, request.token);
      // Only the practice's end needs a write: any other item is followed by a Started.
      if (state && !nextItem(deps.catalog, state)) {
        const saved = await save(input, 'PlaybackFinished', state, 'completed', request.offsetInMilliseconds ?? 0, {
          completedAt: request.timestamp,
        });
        if (saved) deps.log.metric?.('PracticeCompleted', state.variant);
      }
      return input.responseBuilder.getResponse();
    },
  };

  const stopped: RequestHandler = {
    canHandle: (input) => isRequest(input, 'AudioPlayer.PlaybackStopped'),
    async handle(input) {
      const request = eventOf(input);
      const state = decode(deps, request.token);
      // The funnel: the section a listener was in when they stopped (a personal clip counts as its part's).
      if (state && (await save(input, 'PlaybackStopped', state, 'paused', request.offsetInMilliseconds ?? 0))) {
        deps.log.metric?.(`StoppedIn.${deps.catalog.segments[partOf(state.segmentId)]?.sectionId ?? 'unknown'}`, state.variant);
      }
      return input.responseBuilder.getResponse();
    },
  };

  /** Log, retry the same place once (the token remembers the attempt), and never speak. */
  const failed: RequestHandler = {
    canHandle: (input) => isRequest(input, 'AudioPlayer.PlaybackFailed'),
    async handle(input) {
      const request = input.requestEnvelope.request as interfaces.audioplayer.PlaybackFailedRequest;
      const state = decode(deps, request.token);
      const current = request.currentPlaybackState;
      const offsetMs = current && current.token === request.token ? current.offsetInMilliseconds ?? 0 : 0;
      deps.log.error('playback failed', {
        segment: state?.segmentId,
        attempt: state?.attempt,
        errorType: request.error?.type,
        errorMessage: request.error?.message,
      });
      deps.log.metric?.('Error.PlaybackFailed', state?.variant ?? 'unknown');
      if (!state) return input.responseBuilder.getResponse();
      if (state.attempt === 0) {
        playReplacingQueue(deps, input, { ...state, attempt: 1, offsetMs });
      } else {
        await save(input, 'PlaybackFailed', state, 'paused', offsetMs);
      }
      return input.responseBuilder.getResponse();
    },
  };

  return [started, nearlyFinished, finished, stopped, failed];
}
