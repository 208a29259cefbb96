/**
 * Setting a sankalpa hands-free: ask, check, confirm, save; read back; clear (confirmed); ideas.
 * The dialog lives in session attributes. If the practice was playing when the dialog began,
 * it carries on from that place when the dialog ends, with the new clip in its queue.
 */
import { getSlot, type HandlerInput, type RequestHandler } from 'ask-sdk-core';
import type { Intent, Response } from 'ask-sdk-model';
import { SANKALPA_IDEAS } from '../../../models/sankalpa-ideas';
import { isPersonalClip, nextPart } from '../../playback/plan';
import { checkSankalpa, pickIdeas } from '../../sankalpa/phrase';
import { makeClipWithin } from '../../sankalpa/clips';
import type { SkillDeps } from '../deps';
import { listenerKey, logId } from '../listener';
import { loadListener, registerPerson } from '../listener-state';
import { devicePosition, isPlayingNow, playReplacingQueue, type Position } from '../player';
import { sankalpaSay } from '../sankalpa-speech';
import { isIntent } from './match';

type Step = 'awaiting-phrase' | 'confirm-set' | 'confirm-clear' | 'choose-idea';

interface SankalpaDialog {
  step: Step;
  text?: string;
  ideas?: string[];
  /** Times the listener said no to a proposed phrase, or gave one we could not use. */
  misses: number;
  /** Where the practice was when the dialog began, if it was playing. */
  resume?: Position;
}

const PHRASE_SLOT = 'phrase';
const ELICIT_PHRASE: Intent = {
  name: 'SetSankalpaIntent',
  confirmationStatus: 'NONE',
  slots: { [PHRASE_SLOT]: { name: PHRASE_SLOT, confirmationStatus: 'NONE' } },
};

export function sankalpaHandlers(deps: SkillDeps): RequestHandler[] {
  const dialogOf = (input: HandlerInput) =>
    input.attributesManager.getSessionAttributes().sankalpaDialog as SankalpaDialog | undefined;
  const inStep = (input: HandlerInput, step: Step) => dialogOf(input)?.step === step;

  const begin = (input: HandlerInput): SankalpaDialog => {
    const existing = dialogOf(input);
    if (existing) return existing;
    const device = devicePosition(deps, input);
    return { step: 'awaiting-phrase', misses: 0, resume: isPlayingNow(device) ? device : undefined };
  };

  const ask = (input: HandlerInput, dialog: SankalpaDialog, speech: string, reprompt: string): Response => {
    input.attributesManager.setSessionAttributes({ sankalpaDialog: dialog });
    return input.responseBuilder.speak(speech).reprompt(reprompt).getResponse();
  };

  const askForPhrase = (input: HandlerInput, dialog: SankalpaDialog, speech: string): Response => {
    input.attributesManager.setSessionAttributes({ sankalpaDialog: { ...dialog, step: 'awaiting-phrase', text: undefined } });
    return input.responseBuilder
      .speak(speech)
      .reprompt(sankalpaSay.askPhraseReprompt)
      .addElicitSlotDirective(PHRASE_SLOT, ELICIT_PHRASE)
      .getResponse();
  };

  /** Ends the dialog; the practice carries on if it was playing, with the listener's current clip. */
  const finish = (input: HandlerInput, speech: string, clip?: string): Response => {
    const dialog = dialogOf(input);
    input.attributesManager.setSessionAttributes({});
    input.responseBuilder.speak(speech).withShouldEndSession(true);
    const device = devicePosition(deps, input);
    const resume = dialog?.resume ?? (isPlayingNow(device) ? device : undefined);
    const carryOn = resume && withClip(deps, resume, clip ?? resume.clip);
    if (carryOn) playReplacingQueue(deps, input, carryOn);
    return input.responseBuilder.getResponse();
  };

  const save = async (input: HandlerInput, text: string): Promise<Response> => {
    const key = listenerKey(input.requestEnvelope);
    let clipKey: string | undefined;
    try {
      clipKey = await makeClipWithin(deps.clips, text, deps.clipBudgetMs);
    } catch (error) {
      deps.log.warn('sankalpa clip not made; the practice plays without it', { listener: logId(key), error: String(error) });
    }
    try {
      await Promise.all([deps.store.setSankalpa(key, { text, setAt: input.requestEnvelope.request.timestamp, clipKey }), registerPerson(deps, input)]);
    } catch (error) {
      deps.log.error('sankalpa not saved', { listener: logId(key), error: String(error) });
      deps.log.metric?.('Error.SankalpaWrite', 'all');
      return finish(input, sankalpaSay.couldNotSave);
    }
    deps.log.metric?.('SankalpaSet', 'all');
    return finish(input, clipKey ? sankalpaSay.saved : sankalpaSay.savedWithoutClip, clipKey ?? '');
  };

  const setSankalpa: RequestHandler = {
    canHandle: (input) => isIntent(input, 'SetSankalpaIntent'),
    handle(input) {
      const dialog = begin(input);
      const spoken = getSlot(input.requestEnvelope, PHRASE_SLOT)?.value;
      if (!spoken) return askForPhrase(input, dialog, sankalpaSay.askPhrase);
      const check = checkSankalpa(spoken);
      if (!check.ok) {
        const misses = dialog.misses + 1;
        if (misses >= 2) return finish(input, sankalpaSay.leaveForNow);
        const why = { empty: sankalpaSay.empty, 'too-long': sankalpaSay.tooLong, 'not-an-intention': sankalpaSay.notAnIntention };
        return askForPhrase(input, { ...dialog, misses }, why[check.problem]);
      }
      return ask(input, { ...dialog, step: 'confirm-set', text: check.text }, sankalpaSay.confirm(check.text), sankalpaSay.confirmReprompt);
    },
  };

  const confirmSet: RequestHandler = {
    canHandle: (input) => isIntent(input, 'AMAZON.YesIntent', 'AMAZON.NoIntent') && inStep(input, 'confirm-set'),
    async handle(input) {
      const dialog = dialogOf(input) as SankalpaDialog;
      if (isIntent(input, 'AMAZON.YesIntent') && dialog.text) return save(input, dialog.text);
      if (dialog.misses >= 1) return finish(input, sankalpaSay.keptAsItWas);
      return askForPhrase(input, { ...dialog, misses: dialog.misses + 1 }, sankalpaSay.askAgain);
    },
  };

  const whatIsSankalpa: RequestHandler = {
    canHandle: (input) => isIntent(input, 'WhatIsSankalpaIntent'),
    async handle(input) {
      const text = (await loadListener(deps, input))?.sankalpa?.text;
      return finish(input, text ? sankalpaSay.current(text) : sankalpaSay.none);
    },
  };

  const clearSankalpa: RequestHandler = {
    canHandle: (input) => isIntent(input, 'ClearSankalpaIntent'),
    async handle(input) {
      const text = (await loadListener(deps, input))?.sankalpa?.text;
      if (!text) return finish(input, sankalpaSay.none);
      return ask(input, { ...begin(input), step: 'confirm-clear' }, sankalpaSay.confirmClear(text), sankalpaSay.confirmClearReprompt);
    },
  };

  const confirmClear: RequestHandler = {
    canHandle: (input) => isIntent(input, 'AMAZON.YesIntent', 'AMAZON.NoIntent') && inStep(input, 'confirm-clear'),
    async handle(input) {
      if (isIntent(input, 'AMAZON.NoIntent')) return finish(input, sankalpaSay.keptIt);
      const key = listenerKey(input.requestEnvelope);
      try {
        await deps.store.clearSankalpa(key);
      } catch (error) {
        deps.log.error('sankalpa not cleared', { listener: logId(key), error: String(error) });
        return finish(input, sankalpaSay.couldNotSave);
      }
      return finish(input, sankalpaSay.cleared, '');
    },
  };

  const ideas: RequestHandler = {
    canHandle: (input) => isIntent(input, 'SankalpaIdeasIntent'),
    handle(input) {
      const offered = pickIdeas(SANKALPA_IDEAS, deps.now() / 86_400_000);
      return ask(input, { ...begin(input), step: 'choose-idea', ideas: offered }, sankalpaSay.ideas(offered), sankalpaSay.ideasReprompt);
    },
  };

  const chooseIdea: RequestHandler = {
    canHandle: (input) =>
      isIntent(input, 'PickIdeaIntent') ||
      (isIntent(input, 'AMAZON.YesIntent', 'AMAZON.NoIntent') && inStep(input, 'choose-idea')),
    async handle(input) {
      const dialog = dialogOf(input);
      if (!dialog?.ideas || dialog.step !== 'choose-idea') return finish(input, sankalpaSay.noIdeasOffered);
      if (isIntent(input, 'AMAZON.NoIntent')) return finish(input, sankalpaSay.noIdeaChosen);
      const index = isIntent(input, 'AMAZON.YesIntent') ? 0 : chosenIndex(input);
      if (index === undefined) return ask(input, dialog, sankalpaSay.pickWhat, sankalpaSay.ideasReprompt);
      return save(input, dialog.ideas[index]);
    },
  };

  return [setSankalpa, confirmSet, whatIsSankalpa, clearSankalpa, confirmClear, ideas, chooseIdea];
}

const ORDINALS: Record<string, number> = { first: 0, one: 0, '1': 0, '1st': 0, second: 1, two: 1, '2': 1, '2nd': 1, third: 2, three: 2, '3': 2, '3rd': 2 };

function chosenIndex(input: HandlerInput): number | undefined {
  const slot = getSlot(input.requestEnvelope, 'choice');
  const resolved = slot?.resolutions?.resolutionsPerAuthority?.find((a) => a.status?.code === 'ER_SUCCESS_MATCH')?.values?.[0]?.value?.id;
  if (resolved && ['1', '2', '3'].includes(resolved)) return Number(resolved) - 1;
  const word = (slot?.value ?? '').toLowerCase().replace(/^(the|number)\s+/, '').replace(/\s+one$/, '').trim();
  return ORDINALS[word];
}

/** The same place with the listener's current clip; a clip that no longer exists moves on to the next part. */
function withClip(deps: SkillDeps, position: Position, clip: string): Position | undefined {
  if (clip || !isPersonalClip(position.segmentId)) return { ...position, clip, attempt: 0 };
  const next = nextPart(deps.catalog, position.variant, position.segmentId);
  return next ? { ...position, segmentId: next, offsetMs: 0, clip, attempt: 0 } : undefined;
}
