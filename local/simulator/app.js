// Wires the page together: what the listener types becomes a LaunchRequest or IntentRequest,
// the Echo's buttons become PlaybackController requests, and every answer is applied by the
// simulated device and shown, with anything a real Echo would refuse flagged.
import { createEnvelopes, newSession } from './alexa-envelopes.js';
import { AudioDevice } from './audio-device.js';
import { createRoutines, routineOfferIn } from './routines.js';
import { createSkillLink, fetchState, understand } from './skill-link.js';
import * as view from './view.js';

const USER_ID = 'amzn1.ask.account.SIMULATED-LISTENER';
const DEVICE_ID = 'amzn1.ask.device.SIMULATED-ECHO';

async function main() {
  const state = await fetchState(USER_ID);
  const envelopes = createEnvelopes({ skillId: state.skillId, locale: state.locale, userId: USER_ID, deviceId: DEVICE_ID });
  const audio = /** @type {HTMLAudioElement} */ (document.getElementById('player'));
  /** The open voice session, kept while the skill leaves it open (shouldEndSession false). */
  let session = null;
  /** Flags the device raises while applying an answer belong to that exchange; others show at once. */
  let deviceFlags = null;

  const link = createSkillLink((exchange) => {
    const envelope = exchange.response;
    const type = exchange.request.request.type;
    const speechRequest = type === 'LaunchRequest' || type === 'IntentRequest' || type === 'SessionResumedRequest';
    if (speechRequest) session = envelope?.response?.shouldEndSession === false ? continuedSession(exchange) : null;
    if (session) session.elicit = elicitedSlot(envelope?.response?.directives);
    if (envelope) {
      const speech = view.speechText(envelope.response?.outputSpeech);
      // Speech in answer to a device event is flagged by the rule check; a device would not say it.
      if (speechRequest) {
        view.showSpeech(speech);
        if (speech) speak(speech, audio);
      }
      deviceFlags = [];
      device.apply(envelope.response?.directives);
      const offer = speechRequest ? routineOfferIn(envelope.response?.directives) : undefined;
      if (offer) routines.offer(offer, { ...exchange.request.session, new: false, attributes: envelope.sessionAttributes ?? {} });
    }
    if (exchange.listener !== undefined) view.showStored(exchange.listener);
    if (exchange.metrics) view.showMetrics(exchange.metrics);
    const flags = [...(exchange.violations ?? []), ...(deviceFlags ?? [])];
    deviceFlags = null;
    if (exchange.error) flags.push(`the skill failed to answer (the Echo would say there was a problem): ${exchange.error}`);
    const label = `${exchange.label} → ${view.requestLabel(exchange.request)}`;
    view.addExchange({ ...exchange, label }, flags);
    view.addFlags(label, flags);
  });

  const device = new AudioDevice({
    audio,
    audioBaseUrl: state.audioBaseUrl,
    nearlyFinishedMs: state.nearlyFinishedBeforeEndMs,
    report: (type, fields) => link.send('Device', envelopes.audioPlayerEvent(type, fields, device.playerContext())),
    flag: (message) => (deviceFlags ? deviceFlags.push(message) : view.addFlags('Device', [message])),
    onChange: () => view.showNowPlaying(device, state.practice),
  });

  async function say(text) {
    const understanding = await understand(text, { playing: device.isAudible(), inSession: session !== null, elicit: session?.elicit });
    if (understanding.error || understanding.kind === 'none') {
      view.showUnderstood(`Not understood: ${understanding.reason ?? understanding.error}`);
      return;
    }
    let request;
    if (understanding.kind === 'launch') {
      session = newSession();
      request = envelopes.launch(device.playerContext(), session);
      view.showUnderstood(`LaunchRequest: opening ${state.invocationName}`);
    } else {
      const outsideSession = !session;
      session ??= newSession();
      request = envelopes.intent(understanding.intent, device.playerContext(), session);
      view.showUnderstood(describeIntent(understanding, outsideSession, state.invocationName));
    }
    await link.send(`You: “${text}”`, request);
  }

  const routines = createRoutines({
    answer: (label, cause, offerSession) => link.send(label, envelopes.sessionResumed(cause, device.playerContext(), offerSession)),
    run: (routine) => {
      session = newSession();
      view.showUnderstood(`A routine fired (every day at ${routine.time}): LaunchRequest with the StartPractice task`);
      return link.send('Routine', envelopes.routineLaunch(device.playerContext(), session));
    },
  });

  const pressButton = (command) => link.send('Echo button', envelopes.controller(command, device.playerContext()));

  const form = document.getElementById('say-form');
  const input = /** @type {HTMLInputElement} */ (document.getElementById('utterance'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    say(text);
  });
  for (const button of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-say]')))
    button.addEventListener('click', () => say(button.dataset.say));
  for (const button of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-fill]'))) {
    button.addEventListener('click', () => {
      input.value = button.dataset.fill;
      input.focus();
    });
  }
  for (const button of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-command]')))
    button.addEventListener('click', () => pressButton(button.dataset.command));
  document.getElementById('jump-near-end').addEventListener('click', () => device.jumpNearEnd(5));

  view.showIdentity({ userId: USER_ID, skillId: state.skillId, audioBaseUrl: state.audioBaseUrl });
  view.showStored(state.listener);
  if (state.metrics) view.showMetrics(state.metrics);
  view.showNowPlaying(device, state.practice);
  // For tests and the curious: the device and a way to wait for the skill to catch up.
  /** @type {any} */ (window).simulator = { device, say, pressButton, settled: () => link.settled() };
  document.body.dataset.ready = 'true';
}

/** The slot a Dialog.ElicitSlot directive asks for: the listener's next words fill it. */
function elicitedSlot(directives = []) {
  const elicit = directives.find((directive) => directive.type === 'Dialog.ElicitSlot');
  return elicit?.updatedIntent?.name ? { intent: elicit.updatedIntent.name, slot: elicit.slotToElicit } : undefined;
}

function continuedSession(exchange) {
  const { sessionId } = exchange.request.session;
  return { sessionId, attributes: exchange.response.sessionAttributes ?? {}, new: false };
}

function describeIntent(understanding, outsideSession, invocationName) {
  const slots = Object.values(understanding.intent.slots)
    .filter((slot) => slot.value !== undefined)
    .map((slot) => {
      const resolved = slot.resolutions?.resolutionsPerAuthority?.[0];
      const id = resolved?.values?.[0]?.value?.id;
      const match = resolved ? (id ? ` → ${id}` : ' (no match in the slot type)') : '';
      return `${slot.name} = “${slot.value}”${match}`;
    });
  const parts = [`IntentRequest ${understanding.intent.name}`, ...slots, `from ${understanding.via}`];
  if (outsideSession && !understanding.withInvocation && !understanding.builtIn) {
    parts.push(`outside a session a real Echo needs “ask ${invocationName} to …” for this`);
  }
  return parts.join(' · ');
}

/** Alexa's voice through the browser's speech synthesis, with the practice ducked underneath. */
function speak(text, audio) {
  if (!('speechSynthesis' in window)) return;
  const utterance = new SpeechSynthesisUtterance(text);
  const restore = () => {
    audio.volume = 1;
  };
  audio.volume = 0.3;
  utterance.onend = restore;
  utterance.onerror = restore;
  // Some browsers never end an utterance without a voice installed.
  setTimeout(restore, 2000 + text.length * 90);
  window.speechSynthesis.cancel();
  window.speechSynthesis.speak(utterance);
}

main().catch((error) => {
  view.showUnderstood(`The simulator could not start: ${error.message}`);
});
