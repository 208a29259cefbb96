/**
 * The listener's local time, for the bedtime ending's automatic choice, the soft night voice and
 * streaks. Asked of Alexa's Settings API at most once per request (it needs no permission), and
 * only by requests that use it; when it cannot answer in time, the locale's main zone stands in.
 */
import type { HandlerInput, ResponseInterceptor } from 'ask-sdk-core';
import { deviceTimeZone, localTime } from '../alexa/api';
import { isNight } from '../playback/preferences';
import type { SkillDeps } from './deps';

export interface LocalClock {
  zone: string;
  hour: number;
  minute: number;
  /** YYYY-MM-DD in the listener's zone. */
  date: string;
}

const CLOCK = 'localClock';

export function localClock(deps: SkillDeps, input: HandlerInput): Promise<LocalClock> {
  const attributes = input.attributesManager.getRequestAttributes();
  attributes[CLOCK] ??= (deps.timeZoneOf ?? ((envelope) => deviceTimeZone(envelope)))(input.requestEnvelope).then(({ zone }) => ({
    zone,
    ...localTime(deps.now(), zone),
  }));
  return attributes[CLOCK] as Promise<LocalClock>;
}

const soften = (ssml: string) => ssml.replace(/^<speak>([\s\S]*)<\/speak>$/, '<speak><prosody volume="soft" rate="92%">$1</prosody></speak>');

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
