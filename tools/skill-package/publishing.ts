/** Store listing text for Spine Nidra (the same English copy in every locale, spelled per locale). */
import { INVOCATION_NAME } from './intents';

export const SKILL_NAME = 'Spine Nidra';

export const SUMMARY =
  'A 30-minute guided Yoga Nidra that rests your attention on your spine, vertebra by vertebra. Resumes where you left off.';

export const NOT_MEDICAL_ADVICE =
  'Spine Nidra is a relaxation practice, not medical advice, diagnosis or treatment. If you have back pain or a spinal condition, consult a doctor or other qualified health professional.';

export const DESCRIPTION = [
  'Spine Nidra is a guided Yoga Nidra of about 30 minutes for deep rest and spinal awareness. Lie down, close your eyes and let the voice lead you.',
  'The practice moves through arrival, tension and release, softening, your sankalpa (a short heartfelt intention), a body scan, and then a slow spinal visualization, vertebra by vertebra: the neck, the upper back, the lower back and the whole column down to the tailbone. It ends with breath along the spine, breath at the crown of the head, a few minutes of stillness, your sankalpa once more, and a gentle return.',
  'If you stop partway, Spine Nidra remembers where you were and resumes from there next time. You can set your sankalpa by voice, ask how much time is left, or skip to a part, for example "skip to the lower back" or "go to the body scan".',
  NOT_MEDICAL_ADVICE,
].join('\n\n');

export const EXAMPLE_PHRASES: readonly string[] = [
  `Alexa, open ${INVOCATION_NAME}`,
  `Alexa, ask ${INVOCATION_NAME} to skip to the body scan`,
  `Alexa, ask ${INVOCATION_NAME} how much time is left`,
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

export const TESTING_INSTRUCTIONS = [
  'No account linking or device setup is needed. The skill uses the AudioPlayer interface to stream a single guided practice of about 30 minutes in segments.',
  '1) Say "Alexa, open spine nidra": the practice starts from the beginning.',
  '2) Say "Alexa, pause", then "Alexa, resume": playback continues where it stopped.',
  '3) Say "Alexa, ask spine nidra to skip to the lower back" or "Alexa, ask spine nidra to skip to the body scan": playback jumps to that part.',
  '4) Say "Alexa, ask spine nidra how much time is left": Alexa names the current part and the minutes remaining.',
  '5) Say "Alexa, next" / "Alexa, previous": playback moves to the next or previous part. Loop and shuffle are not supported and are answered politely.',
  '6) Say "Alexa, stop" partway through, then "Alexa, open spine nidra" again: Alexa names the part you stopped in and asks whether to continue. Say "yes" to resume there or "no" to start from the beginning.',
].join('\n');

/** Placeholders: npm run deploy:endpoint links the pages deploy:audio uploads (tools/legal/pages.ts). */
export const PRIVACY_POLICY_URL = 'https://spine-nidra.example.com/legal/privacy.html';
export const TERMS_OF_USE_URL = 'https://spine-nidra.example.com/legal/terms.html';
