/** Preferences by voice (remembered, confirmed in one sentence), the settings read-back and practice stats. */
import type { CustomIntentName } from '../../models/intents';
import type { SampleIntent } from './intents';

const intent = (name: CustomIntentName, samples: string[]): SampleIntent => ({ name, samples });

export const PREFERENCE_INTENTS: readonly SampleIntent[] = [
  intent('GentleStartIntent', [
    'start gently from now on', 'start gently', 'skip the tension part', 'skip the tensing', 'leave out the tension part',
    'no more tensing', 'no tensing', 'use the gentle start', 'always start gently', 'the tensing is too much for my back',
  ]),
  intent('TensionReleaseIntent', [
    'include the tension part', 'bring back the tension part', 'put the tensing back', 'use tension and release again',
    'start with tension and release',
  ]),
  intent('NatureSoundsOffIntent', [
    'turn off the nature sounds', 'turn the nature sounds off', 'no nature sounds', 'stop the nature sounds',
    'without the nature sounds', 'just your voice', 'no background sounds', 'turn off the forest sounds',
  ]),
  intent('NatureSoundsOnIntent', [
    'turn on the nature sounds', 'turn the nature sounds on', 'turn the nature sounds back on', 'bring back the nature sounds',
    'with nature sounds', 'i want the forest sounds',
  ]),
  intent('ShortPracticeIntent', [
    'use the short practice', 'the short practice', 'short practice from now on', 'make it shorter', 'i want the short version',
    'a shorter practice', 'shorter practice', 'can you make it shorter', 'can i have the short practice',
  ]),
  intent('FullPracticeIntent', [
    'use the full practice', 'the full practice', 'full practice from now on', 'the long version', 'i want the full version',
  ]),
  intent('BedtimeEndingIntent', [
    'use the bedtime ending', 'the bedtime ending', 'always use the bedtime ending', 'let me fall asleep at the end', 'end with sleep',
  ]),
  intent('DaytimeEndingIntent', [
    'use the daytime ending', 'the daytime ending', 'always use the daytime ending', 'wake me up at the end', 'bring me back at the end',
  ]),
  intent('AutomaticEndingIntent', [
    'choose the ending by the time', 'choose the ending automatically', 'pick the ending for me', 'use the automatic ending',
  ]),
  intent('RestLongerIntent', [
    'rest longer', 'i want to stay in the rest', 'let me rest longer', 'a longer rest', 'stay in the rest longer',
    'i want to rest longer', 'more rest',
  ]),
  intent('UsualRestIntent', ['the usual rest', 'a normal rest', 'shorter rest', 'rest as usual', 'the normal rest length']),
  intent('SettingsIntent', [
    'what are my settings', 'what settings do i have', 'read my settings', 'tell me my settings', 'how is my practice set up',
    'what are my preferences',
  ]),
  intent('PracticeStatsIntent', [
    'how many times have i practiced', 'how many times have i practised', 'how often have i practiced', 'what is my streak',
    'how many days in a row have i practiced', 'my practice stats', 'how many practices have i done', 'how many sessions have i done',
  ]),
];
