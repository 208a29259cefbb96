import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import { isUnfinished } from '../../playback/progress';
import type { SkillDeps } from '../deps';
import { isNight } from '../../playback/preferences';
import { personOf } from '../listener';
import { localClock } from '../local-clock';
import { clipOf, loadListener, registerPerson, resumePosition, startFresh, withClipReady } from '../listener-state';
import { devicePosition, partTitle, playReplacingQueue, startAt } from '../player';
import { sankalpaSay } from '../sankalpa-speech';
import { say } from '../speech';
import { isBedtimeOfferDue, offerBedtimeReminder } from './bedtime-offer';
import { isIntent, isRequest } from './match';

/** A place this close to the very start is not worth a question: just begin. */
const WORTH_OFFERING_AFTER_MS = 30_000;

interface ResumeOffer {
  variant: string;
  segmentId: string;
  offsetMs: number;
  clip: string;
}

export function launchHandlers(deps: SkillDeps): RequestHandler[] {
  const pendingOffer = (input: HandlerInput): ResumeOffer | undefined =>
    input.attributesManager.getSessionAttributes().resumeOffer as ResumeOffer | undefined;

  const launch: RequestHandler = {
    canHandle: (input) => isRequest(input, 'LaunchRequest'),
    async handle(input) {
      const registering = registerPerson(deps, input);
      const loaded = await loadListener(deps, input);
      // The device's zone comes with the listener's item; Alexa is asked only when it is not there.
      const clockSoon = localClock(deps, input, loaded);
      const record = await withClipReady(deps, input, loaded);
      const [clock] = await Promise.all([clockSoon, registering]);
      const clip = clipOf(record);
      const sankalpa = record?.sankalpa ? ` ${sankalpaSay.inWelcome(record.sankalpa.text)}` : '';
      // No stored place (a first visit, or DynamoDB not answering): the Echo's own place still counts.
      const device = devicePosition(deps, input);
      const fromDevice = !record?.progress && !record?.erased && device !== undefined && (device.person ?? '') === personOf(input.requestEnvelope);
      const resume = isUnfinished(record?.progress) || fromDevice ? resumePosition(deps, input, record) : undefined;
      const firstSegment = deps.catalog.variants[deps.catalog.defaultVariant][0];
      const worthOffering =
        resume && !(resume.segmentId === firstSegment && resume.offsetMs < WORTH_OFFERING_AFTER_MS);
      if (!resume || !worthOffering) {
        // The bedtime reminder is offered only where no resume question is: one question per launch.
        if (record && isBedtimeOfferDue(record)) return offerBedtimeReminder(deps, input, record);
        await startFresh(deps, input, record, `${record && !record.erased ? say.welcomeAgain : say.welcomeNew}${sankalpa}`);
        return input.responseBuilder.getResponse();
      }
      if (isNight(clock.hour) || fromDevice) {
        // At night, or when only the Echo knows the place, the straight answer serves: carry on there.
        playReplacingQueue(deps, input, resume);
        deps.log.metric?.('PracticeResumed', resume.variant);
        return input.responseBuilder.speak(say.continuing(partTitle(deps, resume.segmentId))).withShouldEndSession(true).getResponse();
      }
      const offer: ResumeOffer = { variant: resume.variant, segmentId: resume.segmentId, offsetMs: resume.offsetMs, clip };
      input.attributesManager.setSessionAttributes({ resumeOffer: offer });
      return input.responseBuilder
        .speak(`${say.offerResume(partTitle(deps, resume.segmentId))}${sankalpa}`)
        .reprompt(say.offerReprompt)
        .getResponse();
    },
  };

  /** "Yes" or "resume" to the offer: continue where they were. */
  const acceptOffer: RequestHandler = {
    canHandle: (input) =>
      isIntent(input, 'AMAZON.YesIntent', 'AMAZON.ResumeIntent') && pendingOffer(input) !== undefined,
    handle(input) {
      const offer = pendingOffer(input) as ResumeOffer;
      input.attributesManager.setSessionAttributes({});
      playReplacingQueue(deps, input, startAt(deps, offer.variant, offer.segmentId, offer.clip, offer.offsetMs));
      deps.log.metric?.('PracticeResumed', offer.variant);
      return input.responseBuilder
        .speak(say.continuing(partTitle(deps, offer.segmentId)))
        .withShouldEndSession(true)
        .getResponse();
    },
  };

  /** "No" to the offer, "start over", "start the practice", "begin": from the top. */
  const startOver: RequestHandler = {
    canHandle: (input) =>
      isIntent(input, 'AMAZON.StartOverIntent', 'StartPracticeIntent') ||
      (isIntent(input, 'AMAZON.NoIntent') && pendingOffer(input) !== undefined),
    async handle(input) {
      const offer = pendingOffer(input);
      input.attributesManager.setSessionAttributes({});
      const [record] = await Promise.all([loadListener(deps, input), registerPerson(deps, input)]);
      await startFresh(deps, input, record, offer ? say.fromTheStart : undefined, offer?.clip ?? devicePosition(deps, input)?.clip ?? clipOf(record));
      return input.responseBuilder.getResponse();
    },
  };

  return [launch, acceptOffer, startOver];
}
