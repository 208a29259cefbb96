/**
 * The Echo's AudioPlayer events: the token and offset become a DeviceEvent, core/events.ts
 * decides, apply writes and answers with directives only.
 */
import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { interfaces } from 'ask-sdk-model';
import { playbackFailed, playbackFinished, playbackNearlyFinished, playbackStarted, playbackStopped, type DeviceEvent } from '../../core/events';
import type { Answer } from '../../core/types';
import type { Catalog } from '../../playback/catalog';
import { apply } from '../apply';
import { contextOf } from '../context';
import type { SkillDeps } from '../deps';
import { decode } from '../player';
import { isRequest } from './match';

const offset = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

function deviceEvent(deps: SkillDeps, input: HandlerInput): DeviceEvent {
  const request = input.requestEnvelope.request as interfaces.audioplayer.PlaybackStartedRequest;
  const token = typeof request.token === 'string' ? request.token : undefined;
  return {
    state: decode(deps, token),
    token,
    offsetMs: offset(request.offsetInMilliseconds),
    timestamp: request.timestamp,
    nowMs: contextOf(input).nowMs,
  };
}

/** A failed item's offset is the device's, when the device still reports that very item. */
function failedEvent(deps: SkillDeps, input: HandlerInput): DeviceEvent {
  const request = input.requestEnvelope.request as interfaces.audioplayer.PlaybackFailedRequest;
  const current = request.currentPlaybackState;
  const event = deviceEvent(deps, input);
  deps.log.metric?.('Error.PlaybackFailed', event.state?.variant ?? 'unknown');
  contextOf(input).log.error('playback failed', {
    segment: event.state?.segmentId,
    attempt: event.state?.attempt,
    errorType: request.error?.type,
    errorMessage: request.error?.message,
  });
  return { ...event, offsetMs: current && current.token === request.token ? offset(current.offsetInMilliseconds) : 0 };
}

export function audioEventHandlers(deps: SkillDeps): RequestHandler[] {
  const on = (type: string, decide: (catalog: Catalog, event: DeviceEvent) => Answer, read = deviceEvent): RequestHandler => ({
    canHandle: (input) => isRequest(input, `AudioPlayer.${type}`),
    handle: (input) => apply(deps, input, decide(deps.catalog, read(deps, input))),
  });
  return [
    on('PlaybackStarted', playbackStarted),
    on('PlaybackNearlyFinished', playbackNearlyFinished),
    on('PlaybackFinished', playbackFinished),
    on('PlaybackStopped', playbackStopped),
    on('PlaybackFailed', playbackFailed, failedEvent),
  ];
}
