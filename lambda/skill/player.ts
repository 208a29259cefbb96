/** The imperative edge of playback: reading the device's player state and writing Play directives. */
import type { HandlerInput } from 'ask-sdk-core';
import type { interfaces } from 'ask-sdk-model';
import { segmentFile } from '../playback/catalog';
import { firstItem, isPersonalClip, isPlayable, partOf, playablePlace, segmentInfo } from '../playback/plan';
import { decodeToken, encodeToken, type PlaybackState } from '../playback/token';
import type { SkillDeps } from './deps';
import { playImages } from './screen';
import { personOf } from './listener';

export interface Position extends PlaybackState {
  offsetMs: number;
}

export interface DevicePosition extends Position {
  activity: interfaces.audioplayer.PlayerActivity | undefined;
}

/** Personal sankalpa clips live under their own prefix, apart from the practice audio. */
export const CLIP_PREFIX = 'clips';

export function decode(deps: SkillDeps, token: unknown): PlaybackState | undefined {
  return decodeToken(deps.catalog, token, (variant, segmentId) => isPlayable(deps.catalog, variant, segmentId));
}

export function streamUrl(deps: SkillDeps, state: PlaybackState): string {
  if (isPersonalClip(state.segmentId)) return `${deps.audioBaseUrl}/${CLIP_PREFIX}/${state.segmentId}.${state.clip}.mp3`;
  return `${deps.audioBaseUrl}/${segmentFile(deps.catalog, state.variant, state.segmentId)}`;
}

/** What the device says it is playing (or last played), when that is something this skill issued. */
export function devicePosition(deps: SkillDeps, input: HandlerInput): DevicePosition | undefined {
  const player = input.requestEnvelope.context?.AudioPlayer;
  const state = decode(deps, player?.token);
  if (!player || !state) return undefined;
  const offsetMs = Number.isFinite(player.offsetInMilliseconds) ? Math.max(0, Number(player.offsetInMilliseconds)) : 0;
  return { ...state, offsetMs, activity: player.playerActivity };
}

/** True while the practice is audible or only momentarily held for the listener's request. */
export function isPlayingNow(position: DevicePosition | undefined): position is DevicePosition {
  return position?.activity === 'PLAYING' || position?.activity === 'PAUSED' || position?.activity === 'BUFFER_UNDERRUN';
}

export function playReplacingQueue(deps: SkillDeps, input: HandlerInput, position: Position): void {
  addPlay(deps, input, 'REPLACE_ALL', position, position.offsetMs);
}

export function enqueueAfter(deps: SkillDeps, input: HandlerInput, next: PlaybackState, previousToken: string): void {
  addPlay(deps, input, 'ENQUEUE', next, 0, previousToken);
}

function addPlay(
  deps: SkillDeps,
  input: HandlerInput,
  behavior: interfaces.audioplayer.PlayBehavior,
  state: PlaybackState,
  offsetMs: number,
  expectedPreviousToken?: string,
): void {
  const place = playablePlace(deps.catalog, { ...state, offsetMs: Math.max(0, Math.round(offsetMs)) });
  if (!place) return;
  const info = segmentInfo(deps.catalog, place.segmentId);
  const subtitle = isPersonalClip(place.segmentId) ? 'Your sankalpa' : info?.title ?? '';
  input.responseBuilder.addAudioPlayerPlayDirective(
    behavior,
    streamUrl(deps, place),
    // Carrying on a practice keeps it its owner's; a new one belongs to whoever asked for it.
    encodeToken(deps.catalog, { ...place, person: place.person ?? personOf(input.requestEnvelope) }),
    place.offsetMs,
    expectedPreviousToken,
    { title: 'Spine Nidra', subtitle: capitalizeFirst(subtitle), ...playImages(deps, place.segmentId) },
  );
}

/** After answering a question mid-practice, carry on from exactly where the device was. */
export function continueIfPlaying(deps: SkillDeps, input: HandlerInput, position: DevicePosition | undefined): void {
  if (!isPlayingNow(position)) return;
  playReplacingQueue(deps, input, position);
  input.responseBuilder.withShouldEndSession(true);
}

/** Speak, then let the practice carry on; outside playback, keep listening when asked to. */
export function speakThenCarryOn(deps: SkillDeps, input: HandlerInput, speech: string, reprompt?: string): void {
  const device = devicePosition(deps, input);
  input.responseBuilder.speak(speech);
  if (isPlayingNow(device)) continueIfPlaying(deps, input, device);
  else if (reprompt) input.responseBuilder.reprompt(reprompt);
  else input.responseBuilder.withShouldEndSession(true);
}

/** A fresh run through the practice from its first part, optionally with a sentence first. */
export function playFromTheTop(deps: SkillDeps, input: HandlerInput, clip: string, speech: string | undefined, variant: string): void {
  playReplacingQueue(deps, input, { ...firstItem(deps.catalog, variant, deps.newNonce(), clip), offsetMs: 0 });
  if (speech) input.responseBuilder.speak(speech);
  input.responseBuilder.withShouldEndSession(true);
}

/** A fresh listening session starting at a part. */
export function startAt(deps: SkillDeps, variant: string, segmentId: string, clip: string, offsetMs = 0): Position {
  return { variant, segmentId, nonce: deps.newNonce(), attempt: 0, clip, offsetMs };
}

export function partTitle(deps: SkillDeps, segmentId: string): string {
  return deps.catalog.segments[partOf(segmentId)]?.title ?? 'the practice';
}

function capitalizeFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
