/**
 * The listener's local time, for the bedtime ending's automatic choice, the soft night voice and
 * streaks. Asked of Alexa's Settings API at most once per request (it needs no permission), and
 * only by requests that use it; when it cannot answer in time, the locale's main zone stands in.
 * Given the listener's record (a Launch reads it anyway), a zone the device told us within a day
 * is used without asking, and a newly asked one is remembered there (device-zone.ts).
 */
import type { HandlerInput, ResponseInterceptor } from 'ask-sdk-core';
import { deviceTimeZone, localTime } from '../alexa/api';
import { isNight } from '../playback/preferences';
import type { ListenerRecord } from '../store/types';
import type { SkillDeps } from './deps';
import { deviceKeyOf, rememberedZone } from './device-zone';
import { listenerKey } from './listener';

export interface LocalClock {
  zone: string;
  hour: number;
  minute: number;
  /** YYYY-MM-DD in the listener's zone. */
  date: string;
}

const CLOCK = 'localClock';

/**
 * `record`: the listener as this request read it (a Launch passes it), or `undefined` when they
 * have no item yet; leave it out where the request has not read it, and the zone is simply asked.
 */
export function localClock(deps: SkillDeps, input: HandlerInput, ...read: [record: ListenerRecord | undefined] | []): Promise<LocalClock> {
  const attributes = input.attributesManager.getRequestAttributes();
  attributes[CLOCK] ??= zoneOf(deps, input, read).then((zone) => ({ zone, ...localTime(deps.now(), zone) }));
  return attributes[CLOCK] as Promise<LocalClock>;
}

const soften = (ssml: string) => ssml.replace(/^<speak>([\s\S]*)<\/speak>$/, '<speak><prosody volume="soft" rate="92%">$1</prosody></speak>');
async function zoneOf(deps: SkillDeps, input: HandlerInput, read: [ListenerRecord | undefined] | []): Promise<string> {
  const envelope = input.requestEnvelope;
  const device = deviceKeyOf(envelope);
  const remembered = read.length ? rememberedZone(read[0], device, deps.now()) : undefined;
  if (remembered) return remembered;
  const asked = await (deps.timeZoneOf ?? deviceTimeZone)(envelope);
  // Only what the device said is remembered: the locale's zone is a guess, to be asked again.
  if (read.length && device && (asked as { source?: string }).source !== 'locale') {
    deps.zoneHandoff?.leave(listenerKey(envelope), { device, zone: asked.zone, checkedAt: Math.floor(deps.now() / 1000) }, deps.now());
  }
  return asked.zone;
}

/**
 * At night every spoken answer is softer and slower, its reprompt too. The reprompt stays: an
 * answer that keeps the microphone open must ask again (certification test case 4.12), so the
 * handlers keep night reprompts to a few words instead.
 */
export function nightVoiceInterceptor(deps: SkillDeps): ResponseInterceptor {
  return {
    async process(input, response) {
      const speech = response?.outputSpeech as { type?: string; ssml?: string } | undefined;
      if (!response || speech?.type !== 'SSML' || !speech.ssml) return;
      if (!isNight((await localClock(deps, input)).hour)) return;
      speech.ssml = soften(speech.ssml);
      const reprompt = response.reprompt?.outputSpeech as { type?: string; ssml?: string } | undefined;
      if (reprompt?.type === 'SSML' && reprompt.ssml) reprompt.ssml = soften(reprompt.ssml);
    },
  };
}
