/**
 * The baseline: the same practice played the way the official ask-sdk audio-player sample plays a
 * playlist. Playback state (play order, index, offset, token, enqueued flag) lives in persistent
 * attributes; a request interceptor loads them on every request and a response interceptor saves
 * them on every response. Only difference from the sample: a first Launch starts playing at once,
 * as Spine Nidra does, so both skills answer the same request sequence.
 */
import { SkillBuilders, type HandlerInput, type RequestHandler } from 'ask-sdk-core';
import type { PersistenceAdapter } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';

export interface Track {
  title: string;
  url: string;
}

interface PlaybackInfo {
  playOrder: number[];
  index: number;
  offsetInMilliseconds: number;
  playbackIndexChanged: boolean;
  token: string;
  nextStreamEnqueued: boolean;
  inPlaybackSession: boolean;
  hasPreviousPlaybackSession: boolean;
}

interface Attributes {
  playbackSetting: { loop: boolean; shuffle: boolean };
  playbackInfo: PlaybackInfo;
}

const requestType = (input: HandlerInput) => input.requestEnvelope.request.type;
const intentName = (input: HandlerInput) =>
  requestType(input) === 'IntentRequest' ? (input.requestEnvelope.request as { intent: { name: string } }).intent.name : undefined;
const attributesOf = async (input: HandlerInput) => (await input.attributesManager.getPersistentAttributes()) as Attributes;
const infoOf = async (input: HandlerInput) => (await attributesOf(input)).playbackInfo;

export function baselineHandler(tracks: readonly Track[], adapter: PersistenceAdapter, skillId: string) {
  const tokenIndex = (input: HandlerInput, info: PlaybackInfo) => {
    const token = (input.requestEnvelope.request as { token?: string }).token ?? info.token;
    return info.playOrder.indexOf(Number(token));
  };

  const controller = {
    play(input: HandlerInput, info: PlaybackInfo, speech?: string): Response {
      const track = tracks[info.playOrder[info.index]];
      info.token = String(info.playOrder[info.index]);
      info.playbackIndexChanged = false;
      if (speech) input.responseBuilder.speak(speech);
      return input.responseBuilder
        .addAudioPlayerPlayDirective('REPLACE_ALL', track.url, info.token, info.offsetInMilliseconds)
        .withShouldEndSession(true)
        .getResponse();
    },
    move(input: HandlerInput, info: PlaybackInfo, step: 1 | -1): Response {
      const index = info.index + step;
      if (index < 0 || index >= tracks.length) {
        return input.responseBuilder.speak('You have reached the end of the playlist.').getResponse();
      }
      Object.assign(info, { index, offsetInMilliseconds: 0, playbackIndexChanged: true });
      return controller.play(input, info);
    },
  };

  const launch: RequestHandler = {
    canHandle: (input) => requestType(input) === 'LaunchRequest',
    async handle(input) {
      const info = await infoOf(input);
      if (!info.hasPreviousPlaybackSession) {
        Object.assign(info, { index: 0, offsetInMilliseconds: 0 });
        return controller.play(input, info, 'Welcome to Spine Nidra.');
      }
      info.inPlaybackSession = false;
      const prompt = `You were listening to ${tracks[info.playOrder[info.index]].title}. Would you like to resume?`;
      return input.responseBuilder.speak(prompt).reprompt('You can say yes to resume or no to start over.').getResponse();
    },
  };

  const audioEvents: RequestHandler = {
    canHandle: (input) => requestType(input).startsWith('AudioPlayer.'),
    async handle(input) {
      const { playbackInfo: info, playbackSetting } = await attributesOf(input);
      const request = input.requestEnvelope.request as { type: string; offsetInMilliseconds?: number };
      switch (request.type) {
        case 'AudioPlayer.PlaybackStarted':
          Object.assign(info, { token: String(info.playOrder[tokenIndex(input, info)]), index: tokenIndex(input, info) });
          Object.assign(info, { inPlaybackSession: true, hasPreviousPlaybackSession: true });
          break;
        case 'AudioPlayer.PlaybackFinished':
          Object.assign(info, { inPlaybackSession: false, hasPreviousPlaybackSession: false, nextStreamEnqueued: false });
          break;
        case 'AudioPlayer.PlaybackStopped':
          Object.assign(info, { index: tokenIndex(input, info), offsetInMilliseconds: request.offsetInMilliseconds ?? 0 });
          break;
        case 'AudioPlayer.PlaybackNearlyFinished': {
          if (info.nextStreamEnqueued) break;
          const next = (info.index + 1) % tracks.length;
          if (next === 0 && !playbackSetting.loop) break;
          info.nextStreamEnqueued = true;
          const token = String(info.playOrder[next]);
          input.responseBuilder.addAudioPlayerPlayDirective('ENQUEUE', tracks[info.playOrder[next]].url, token, 0, info.token);
          break;
        }
        case 'AudioPlayer.PlaybackFailed':
          info.inPlaybackSession = false;
          break;
      }
      return input.responseBuilder.getResponse();
    },
  };

  const inSession =
    (names: string[], controllerTypes: string[] = []): RequestHandler['canHandle'] =>
    async (input) =>
      (await infoOf(input)).inPlaybackSession && (names.includes(intentName(input) ?? '') || controllerTypes.includes(requestType(input)));

  const handlers: RequestHandler[] = [
    launch,
    audioEvents,
    {
      canHandle: async (input) =>
        requestType(input) === 'PlaybackController.PlayCommandIssued' || ['AMAZON.ResumeIntent', 'PlayAudio'].includes(intentName(input) ?? ''),
      handle: async (input) => controller.play(input, await infoOf(input)),
    },
    {
      canHandle: inSession(['AMAZON.NextIntent'], ['PlaybackController.NextCommandIssued']),
      handle: async (input) => controller.move(input, await infoOf(input), 1),
    },
    {
      canHandle: inSession(['AMAZON.PreviousIntent'], ['PlaybackController.PreviousCommandIssued']),
      handle: async (input) => controller.move(input, await infoOf(input), -1),
    },
    {
      canHandle: (input) =>
        ['AMAZON.PauseIntent', 'AMAZON.StopIntent', 'AMAZON.CancelIntent'].includes(intentName(input) ?? '') ||
        requestType(input) === 'PlaybackController.PauseCommandIssued',
      handle: (input) => input.responseBuilder.addAudioPlayerStopDirective().getResponse(),
    },
    {
      canHandle: async (input) => !(await infoOf(input)).inPlaybackSession && intentName(input) === 'AMAZON.YesIntent',
      handle: async (input) => controller.play(input, await infoOf(input)),
    },
    {
      canHandle: async (input) => ['AMAZON.NoIntent', 'AMAZON.StartOverIntent'].includes(intentName(input) ?? ''),
      async handle(input) {
        const info = await infoOf(input);
        Object.assign(info, { index: 0, offsetInMilliseconds: 0, playbackIndexChanged: true, hasPreviousPlaybackSession: false });
        return controller.play(input, info);
      },
    },
    {
      canHandle: (input) => requestType(input) === 'SessionEndedRequest' || requestType(input) === 'System.ExceptionEncountered',
      handle: (input) => input.responseBuilder.getResponse(),
    },
    {
      canHandle: (input) => requestType(input) === 'IntentRequest',
      handle: (input) => input.responseBuilder.speak('You can say next, previous, pause or resume.').getResponse(),
    },
  ];

  return SkillBuilders.custom()
    .addRequestHandlers(...handlers)
    .addErrorHandlers({
      canHandle: () => true,
      handle: (input) => input.responseBuilder.speak('Sorry, I had trouble doing what you asked.').getResponse(),
    })
    .addRequestInterceptors({
      async process(input) {
        const attributes = await input.attributesManager.getPersistentAttributes();
        if (Object.keys(attributes).length === 0) {
          input.attributesManager.setPersistentAttributes({
            playbackSetting: { loop: false, shuffle: false },
            playbackInfo: {
              playOrder: tracks.map((_, i) => i),
              index: 0,
              offsetInMilliseconds: 0,
              playbackIndexChanged: true,
              token: '',
              nextStreamEnqueued: false,
              inPlaybackSession: false,
              hasPreviousPlaybackSession: false,
            },
          } satisfies Attributes);
        }
      },
    })
    .addResponseInterceptors({
      async process(input) {
        await input.attributesManager.savePersistentAttributes();
      },
    })
    .withPersistenceAdapter(adapter)
    .withSkillId(skillId)
    .lambda();
}
