/** Sleep sounds after the practice, by voice: on (for a chosen time) or off. */
import type { SampleIntent, SlotTypeValue } from './intents';

export const SLEEP_DURATION_SLOT_TYPE = 'SLEEP_DURATION';

/** Ids are minutes (playback/sleep-sounds.ts SLEEP_MINUTE_CHOICES). */
export const SLEEP_DURATION_VALUES: SlotTypeValue[] = [
  { id: '30', name: { value: 'thirty minutes', synonyms: ['half an hour', 'a half hour', '30 minutes', 'half hour'] } },
  { id: '60', name: { value: 'an hour', synonyms: ['one hour', '1 hour', 'sixty minutes', '60 minutes', 'hour'] } },
  { id: '90', name: { value: 'an hour and a half', synonyms: ['ninety minutes', '90 minutes', 'one and a half hours', 'one hour and a half'] } },
  { id: '120', name: { value: 'two hours', synonyms: ['2 hours', 'a couple of hours'] } },
  { id: '180', name: { value: 'three hours', synonyms: ['3 hours', 'all night', 'the whole night'] } },
];

export const SLEEP_SOUNDS_INTENTS: readonly SampleIntent[] = [
  {
    name: 'SleepSoundsIntent',
    slots: [{ name: 'duration', type: SLEEP_DURATION_SLOT_TYPE }],
    samples: [
      'play sleep sounds after the practice',
      'sleep sounds after the practice',
      'keep the forest sounds going',
      'keep the forest sounds going for {duration}',
      'keep the nature sounds going after the practice',
      'keep the nature sounds going for {duration}',
      'play sleep sounds for {duration}',
      'sleep sounds for {duration}',
      'turn on sleep sounds',
      'i want sleep sounds after the practice',
      'can the forest sounds keep going after the practice',
      'let the forest sounds play for {duration}',
    ],
  },
  {
    name: 'NoSleepSoundsIntent',
    samples: [
      'no sleep sounds',
      'turn off the sleep sounds',
      'no sounds after the practice',
      'stop the sleep sounds after the practice',
      'end in silence',
    ],
  },
];
