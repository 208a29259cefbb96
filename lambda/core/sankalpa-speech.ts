/** What Alexa says about the sankalpa. The listener's words are always SSML-escaped here. */
import { escapeSsml } from './speech';

const quote = (text: string) => escapeSsml(text);

export const sankalpaSay = {
  askPhrase: 'Say it in a few words, in the present tense, for example: I am at ease in my body. What is your sankalpa?',
  askPhraseReprompt: 'What would you like your sankalpa to be?',
  askAgain: 'All right. What would you like your sankalpa to be?',
  empty: 'I did not hear a sankalpa. Say it in a few words, for example: my spine is supple and free. What is yours?',
  tooLong: 'That is a little long for a sankalpa. A short sentence works best, like: I am calm and at peace. What is yours?',
  notAnIntention: 'That does not sound like an intention. A sankalpa is a short, positive sentence, like: my body feels supported. What is yours?',
  wakeWord: 'That has a word in it that could wake your Echo while the practice plays, like Alexa or Echo. Could you say it another way?',
  /** Read back with a stored sankalpa from before the wake-word rule. */
  hasWakeWord: 'It has a word that could wake your Echo, so the practice leaves it out. To change it, say: my sankalpa is, and then your new one.',
  leaveForNow: 'Let us leave it for now. You can set your sankalpa any time.',
  confirm: (text: string) => `Your sankalpa: ${quote(text)}. Shall I keep it?`,
  confirmReprompt: 'Shall I keep it? Say yes or no.',
  saved: 'Saved. You will hear it in the practice, after the sankalpa and again near the end.',
  savedWithoutClip: 'Saved. I will remind you of it at the start of each practice.',
  keptAsItWas: 'All right. I will leave your sankalpa as it was.',
  current: (text: string) => `Your sankalpa is: ${quote(text)}.`,
  none: 'You have not set a sankalpa yet. You can say: my sankalpa is, and then your intention. Or ask for sankalpa ideas.',
  confirmClear: (text: string) => `Shall I forget your sankalpa: ${quote(text)}?`,
  confirmClearReprompt: 'Shall I forget it? Say yes or no.',
  cleared: 'Done. Your sankalpa is cleared.',
  keptIt: 'All right. I will keep it.',
  ideas: (ideas: readonly string[]) =>
    `Here are three ideas. One: ${quote(ideas[0])}. Two: ${quote(ideas[1])}. Three: ${quote(ideas[2])}. Would you like the first one, the second, or the third?`,
  ideasReprompt: 'Say the first, the second, or the third. Or say no.',
  noIdeaChosen: 'All right. You can ask for sankalpa ideas any time.',
  pickWhat: 'Say the first, the second, or the third. Which one would you like?',
  noIdeasOffered: 'To choose a sankalpa, first ask me for sankalpa ideas.',
  couldNotSave: 'Sorry, I could not make sure your sankalpa was saved. Please try again in a little while.',
  inWelcome: (text: string) => `Your sankalpa, ${quote(text)}, will be with you in the practice.`,
};
