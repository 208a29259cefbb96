/** The imperative edge of playback: reading tokens, and writing Play directives from the core's places. */
import type { HandlerInput } from 'ask-sdk-core';
import type { interfaces } from 'ask-sdk-model';
import type { Place } from '../core/types';
import { segmentFile } from '../playback/catalog';
import { isPersonalClip, isPlayable, playablePlace, segmentInfo } from '../playback/plan';
import { isSleepSounds, sleepSoundsFile } from '../playback/sleep-sounds';
import { decodeToken, encodeToken, type PlaybackState } from '../playback/token';
import { contextOf } from './context';
import type { SkillDeps } from './deps';
import { playImages } from './screen';

/** Personal sankalpa clips live under their own prefix, apart from the practice audio. */
export const CLIP_PREFIX = 'clips';

export function decode(deps: SkillDeps, token: unknown): PlaybackState | undefined {
  return decodeToken(deps.catalog, token, (variant, segmentId) => isPlayable(deps.catalog, variant, segmentId));
}

export function streamUrl(deps: SkillDeps, state: PlaybackState): string {
  const sounds = sleepSoundsFile(deps.catalog, state.segmentId);
  if (sounds) return `${deps.audioBaseUrl}/${sounds}`;
  if (isPersonalClip(state.segmentId)) return `${deps.audioBaseUrl}/${CLIP_PREFIX}/${state.segmentId}.${state.clip}.mp3`;
  return `${deps.audioBaseUrl}/${segmentFile(deps.catalog, state.variant, state.segmentId)}`;
}

/** One Play directive; a place without a nonce starts a fresh listening session. */
export function addPlay(
  deps: SkillDeps,
  input: HandlerInput,
  behavior: interfaces.audioplayer.PlayBehavior,
  given: Place,
  expectedPreviousToken?: string,
): void {
  const state = { ...given, nonce: given.nonce ?? deps.newNonce(), offsetMs: Math.max(0, Math.round(given.offsetMs)) };
  const place = playablePlace(deps.catalog, state);
  if (!place) return;
  const info = segmentInfo(deps.catalog, place.segmentId);
  const subtitle = isPersonalClip(place.segmentId) ? 'Your sankalpa' : isSleepSounds(place.segmentId) ? 'Sleep sounds' : (info?.title ?? '');
  input.responseBuilder.addAudioPlayerPlayDirective(
    behavior,
    streamUrl(deps, place),
    // Carrying on a practice keeps it its owner's; a new one belongs to whoever asked for it.
    encodeToken(deps.catalog, { ...place, person: place.person ?? contextOf(input).person }),
    place.offsetMs,
    expectedPreviousToken,
    { title: 'Spine Nidra', subtitle: capitalizeFirst(subtitle), ...playImages(deps, place.segmentId) },
  );
}

function capitalizeFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
