/**
 * Example sankalpas to offer a listener who has none yet: short, positive, present tense,
 * plain text without trailing punctuation so they read well inside a sentence.
 */
export const SANKALPA_IDEAS: readonly string[] = [
  'My spine is supple and free',
  'My body feels supported and safe',
  'My back is strong and relaxed',
  'My neck and shoulders are soft',
  'My body knows how to heal',
  'I move through my day with ease',
  'I stand tall and feel light',
  'I treat my body with kindness',
  'I rest deeply and wake refreshed',
  'I am calm and at peace',
  'I breathe freely and fully',
  'I am open to each new day',
];
