import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import type { SkillDeps } from '../deps';
import { loadListener, registerPerson, resumePosition, startFresh } from '../listener-state';
import { playReplacingQueue } from '../player';
import { say } from '../speech';
import { isIntent, isRequest } from './match';

export function transportHandlers(deps: SkillDeps): RequestHandler[] {
  /** Resume from the device's place or the stored one; with nothing to resume, begin. */
  const resume = async (input: HandlerInput, speakIfFresh: boolean): Promise<Response> => {
    const record = await loadListener(deps, input);
    const position = resumePosition(deps, input, record);
    if (position) {
      playReplacingQueue(deps, input, position);
      if (speakIfFresh) input.responseBuilder.withShouldEndSession(true);
    } else {
      await Promise.all([registerPerson(deps, input), startFresh(deps, input, record, speakIfFresh ? say.nothingToResume : undefined)]);
    }
    return input.responseBuilder.getResponse();
  };

  const resumeByVoice: RequestHandler = {
    canHandle: (input) => isIntent(input, 'AMAZON.ResumeIntent'),
    handle: (input) => resume(input, true),
  };

  const playButton: RequestHandler = {
    canHandle: (input) => isRequest(input, 'PlaybackController.PlayCommandIssued'),
    handle: (input) => resume(input, false),
  };

  /**
   * Pause only stops the device. The offset is saved from the PlaybackStopped event that
   * follows, so two writes never race for the same progress.
   */
  const pause: RequestHandler = {
    canHandle: (input) =>
      isIntent(input, 'AMAZON.PauseIntent') || isRequest(input, 'PlaybackController.PauseCommandIssued'),
    handle: (input) => input.responseBuilder.addAudioPlayerStopDirective().getResponse(),
  };

  const stop: RequestHandler = {
    canHandle: (input) => isIntent(input, 'AMAZON.StopIntent', 'AMAZON.CancelIntent'),
    handle: (input) =>
      input.responseBuilder.addAudioPlayerStopDirective().speak(say.goodbye).withShouldEndSession(true).getResponse(),
  };

  const navigateHome: RequestHandler = {
    canHandle: (input) => isIntent(input, 'AMAZON.NavigateHomeIntent'),
    handle: (input) => input.responseBuilder.withShouldEndSession(true).getResponse(),
  };

  return [resumeByVoice, playButton, pause, stop, navigateHome];
}
