/** Everything Alexa says, in one place, so the voice stays calm and consistent. */

const SSML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text from a listener or the model, made safe to place inside SSML. */
export function escapeSsml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => SSML_ESCAPES[character]);
}

export function minutesPhrase(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (ms < 45_000) return 'less than a minute';
  if (minutes <= 1) return 'about a minute';
  return `about ${minutes} minutes`;
}

export function joinTitles(titles: readonly string[]): string {
  if (titles.length <= 1) return titles.join('');
  return `${titles.slice(0, -1).join(', ')}, and ${titles[titles.length - 1]}`;
}

export const say = {
  welcomeNew: 'Welcome to Spine Nidra. Lie down somewhere comfortable, and let the practice begin.',
  welcomeAgain: 'Welcome back to Spine Nidra. Settle in, and we will begin.',
  /** `between` (a sentence or nothing) comes before the question, so the answer still ends asking. */
  offerResume: (title: string, between = '') =>
    `Welcome back to Spine Nidra. Last time you stopped in ${escapeSsml(title)}.${between} Would you like to continue from there?`,
  offerReprompt: 'Say yes to continue, or start over to begin again.',
  offerAgain: (title: string) => `Say yes, or start over. Would you like to continue from ${escapeSsml(title)}?`,
  /** Before a question asked again after an answer that did not fit it. */
  notCaught: 'Sorry, I did not catch that.',
  /** A question left unanswered (cancel, home, or a second miss): nothing changes. */
  leftAsItWas: 'All right. Nothing has changed.',
  continuing: (title: string) => `Continuing with ${escapeSsml(title)}.`,
  fromTheStart: 'From the beginning, then.',
  skippingTo: (title: string) => `${capitalize(escapeSsml(title))}.`,
  unknownPart: (titles: readonly string[]) => `I can take you to ${joinTitles(titles.map(escapeSsml))}. Which part would you like?`,
  whichPart: 'Which part would you like? Say skip to, and then its name.',
  lastPart: 'This is the final part of the practice.',
  nothingToResume: 'There is nothing to resume yet, so let us begin from the start.',
  timeLeft: (title: string, left: string) => `You are in ${escapeSsml(title)}. ${capitalize(left)} remain.`,
  timeLeftPaused: (title: string, left: string) => `You paused in ${escapeSsml(title)}, with ${left} to go. Say resume when you are ready.`,
  notStarted: (total: string) => `You have not started yet. The whole practice takes ${total}. Say start the practice when you are ready.`,
  inOrderOnly: 'Spine Nidra always plays in its own order, so loop and shuffle are not available.',
  // Help teaches what to say once the skill is open: on Alexa+ a one-shot may never reach the skill.
  help: 'This is Spine Nidra, a guided rest for your spine. Say start the practice to begin, or go to the body scan. To add an intention, say my sankalpa is, and then your words. For a quicker rest, say make it shorter. What would you like to do?',
  helpReprompt: 'Say start the practice, go to the body scan, or make it shorter. What would you like?',
  fallback:
    'Sorry, I did not catch that. You can say start the practice, go to the body scan, or my sankalpa is, and then your words. What would you like?',
  /** At night the same offers, fewer words, and a one-line reprompt (the night voice makes them soft). */
  helpAtNight: 'This is Spine Nidra. Say start the practice, go to the body scan, or make it shorter. What would you like?',
  fallbackAtNight: 'Sorry, I missed that. Say start the practice, or go to the body scan. What would you like?',
  repromptAtNight: 'What would you like?',
  goodbye: 'Rest well.',
  sleepSoundsPlaying: 'The practice is over. The forest sounds carry on for a while, then fade away.',
  routineStart: 'Spine Nidra. Settle in, and we will begin.',
  cannotPlayHere: "This device can't play the practice. Try it on an Echo, or in the Alexa app.",
  openWhilePlaying:
    "You're in Spine Nidra, and your practice is playing. You can say skip to the body scan, my sankalpa is, and your intention, or how much time is left. What would you like?",
  openWhilePlayingReprompt: 'What would you like? Or say nothing, and the practice carries on.',
  confirmForget:
    'This will erase everything Spine Nidra keeps for you: your place in the practice, your sankalpa, and your settings. Shall I erase it?',
  confirmForgetReprompt: 'Shall I erase your Spine Nidra data? Say yes or no.',
  forgotten: 'Done. Everything Spine Nidra kept for you is erased. Rest well.',
  keptData: 'All right. Nothing was erased.',
  couldNotForget: 'Sorry, I could not make sure your data was erased. Please ask me again in a little while.',
  somethingWrong: 'Sorry, something went wrong on my side. Please try again in a moment.',
};

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
