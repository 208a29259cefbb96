/** Store listing text for Spine Nidra (the same English copy in every locale, spelled per locale). */
import { INVOCATION_NAME } from './intents';

export const SKILL_NAME = 'Spine Nidra';

export const SUMMARY = 'A 30-minute guided Yoga Nidra that rests your attention on your spine, vertebra by vertebra. Resumes where you left off.';

export const NOT_MEDICAL_ADVICE =
  'Spine Nidra is a relaxation practice, not medical advice, diagnosis or treatment. If you have back pain or a spinal condition, consult a doctor or other qualified health professional.';

export const DESCRIPTION = [
  'Spine Nidra is a guided Yoga Nidra of about 30 minutes for deep rest and spinal awareness. Lie down, close your eyes and let the voice lead you.',
  'The practice moves through arrival, tension and release, softening, your sankalpa (a short heartfelt intention), a body scan, and then a slow spinal visualization, vertebra by vertebra: the neck, the upper back, the lower back and the whole column down to the tailbone. It ends with breath along the spine, breath at the crown of the head, a few minutes of stillness, your sankalpa once more, and a gentle return.',
  'If you stop partway, Spine Nidra remembers where you were and resumes from there next time. Once it is open you can say "set my sankalpa" to hear your own intention spoken in the practice, "skip to the lower back" or "go to the body scan", "how much time is left", "make it shorter", "start gently", "turn off the nature sounds", "use the bedtime ending", or "what are my settings". On an Echo Show, a calm picture of the spine follows the practice. After a whole practice, Spine Nidra offers once to add a daily Alexa routine that starts it at that time (or, where routines are not available, a daily reminder). Say "forget me" to erase everything it keeps for you.',
  NOT_MEDICAL_ADVICE,
].join('\n\n');

/** The first opens the skill: on Alexa+ a one-shot may not reach it, but "open" and then the request does. */
export const EXAMPLE_PHRASES: readonly string[] = [
  `Alexa, open ${INVOCATION_NAME}`,
  `Alexa, ask ${INVOCATION_NAME} to set my sankalpa`,
  `Alexa, ask ${INVOCATION_NAME} to skip to the body scan`,
];

export const KEYWORDS: readonly string[] = [
  'yoga nidra',
  'spine',
  'back',
  'back pain',
  'relaxation',
  'guided meditation',
  'body scan',
  'sankalpa',
  'sleep',
  'yoga',
  'meditation',
  'rest',
];

/**
 * For the certification team: every feature, reached the open-first way (open, then ask), which
 * also works where Alexa+ does not pass one-shots to the skill. SMAPI allows 4,000 characters.
 */
export const TESTING_INSTRUCTIONS = [
  'No account linking, purchase or device setup. A custom AudioPlayer skill: one guided practice of about 30 minutes, streamed in parts. The requests below work inside the skill, when Spine Nidra has asked a question and is listening (the resume question, or after "help"), and as one-shots ("Alexa, ask spine nidra to ..."). Pause, resume, next, previous and start over need no skill name during playback. From 9 pm to 5 am device time answers are softer and shorter, a stopped practice resumes without a question, and the bedtime ending plays.',
  '1) Start: "Alexa, open spine nidra" plays from the beginning. "Alexa, pause" / "Alexa, resume", "Alexa, next" / "Alexa, previous" and "Alexa, start over" control playback. Loop and shuffle are declined politely.',
  '2) Resume: "Alexa, stop" partway, then open again: Alexa names the part and asks whether to continue. "Yes" resumes there, "no" starts from the top.',
  '3) Help: "Alexa, open spine nidra", then "help": Alexa lists what to say and asks what you would like; the session stays open with a reprompt. Anything unrecognised gets the same kind of question.',
  '4) Parts: "skip to the lower back", "go to the body scan", "how much time is left".',
  '5) Sankalpa and the personal clip: say "set my sankalpa", then a short phrase such as "I am at ease in my body", then "yes". Then "skip to the sankalpa": after that part, the intention plays in a synthetic voice and the screen or Alexa app shows "Your sankalpa". "What is my sankalpa", "clear my sankalpa", and "sankalpa ideas" (then "the second one") also work.',
  '6) Preferences, each confirmed and used from the next practice: "make it shorter" / "the full practice", "start gently" / "include the tension part", "turn off the nature sounds" / "turn on the nature sounds", "use the bedtime ending" / "use the daytime ending" / "choose the ending by the time", "rest longer" / "the usual rest". "What are my settings" reads them back; "how many times have I practiced" gives counts and streak.',
  '7) Echo Show or Spot: while playing, the screen shows the title, the current part and a picture of the spine with the region being practised lit; after a spoken request that starts or moves playback, a page shows the part and time left.',
  '8) Daily routine: after a whole practice ends (skip to "the return" and let it finish), the next open says one sentence and Alexa offers, once, a daily routine that starts Spine Nidra at the time the practice began; whatever the answer, the practice then begins. When the routine runs (or is run from the Alexa app), the practice plays at once, without a question. In a locale without Alexa routines, a daily reminder is offered instead; "yes" asks for the reminders permission if needed.',
  '9) Voices: with Alexa voice profiles, each recognised voice keeps its own place, sankalpa and settings.',
  '10) Erase: "forget me", then "yes" erases everything kept for the speaker; disabling the skill erases the whole account\'s data.',
].join('\n');

/** Placeholders: npm run deploy:endpoint links the pages deploy:audio uploads (tools/legal/pages.ts). */
export const PRIVACY_POLICY_URL = 'https://spine-nidra.example.com/legal/privacy.html';
export const TERMS_OF_USE_URL = 'https://spine-nidra.example.com/legal/terms.html';
