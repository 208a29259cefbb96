/** "Forget me": erasing everything the skill keeps for a listener, always confirmed first. */
import type { SampleIntent } from './intents';

const FORGET_ME_SAMPLES = [
  'forget me',
  'delete my data',
  'erase my data',
  'remove my data',
  'delete all my data',
  'delete everything you know about me',
  'forget everything about me',
  'erase everything about me',
  'delete my information',
  'clear my data',
  'delete my account data',
  'erase my progress and my sankalpa',
];

export const PRIVACY_INTENTS: readonly SampleIntent[] = [{ name: 'ForgetMeIntent', samples: FORGET_ME_SAMPLES }];
