/**
 * Every intent name the skill's interaction model declares, in one place: the skill-package
 * generator (tools/skill-package/) writes these names, and the handlers (lambda/skill/) match them,
 * both typed by this registry, so a renamed or dropped intent fails to compile on both sides.
 * test/integration/intent-coverage.test.ts checks that each one reaches a handler of its own.
 */

/** Preferences by voice: each one changes one remembered choice. */
export const PREFERENCE_INTENT_NAMES = [
  'GentleStartIntent',
  'TensionReleaseIntent',
  'NatureSoundsOffIntent',
  'NatureSoundsOnIntent',
  'ShortPracticeIntent',
  'FullPracticeIntent',
  'BedtimeEndingIntent',
  'DaytimeEndingIntent',
  'AutomaticEndingIntent',
  'RestLongerIntent',
  'UsualRestIntent',
] as const;

export const CUSTOM_INTENT_NAMES = [
  'SkipToSectionIntent',
  'StartPracticeIntent',
  'TimeLeftIntent',
  'SetSankalpaIntent',
  'WhatIsSankalpaIntent',
  'ClearSankalpaIntent',
  'SankalpaIdeasIntent',
  'PickIdeaIntent',
  'ForgetMeIntent',
  ...PREFERENCE_INTENT_NAMES,
  'SleepSoundsIntent',
  'NoSleepSoundsIntent',
  'SettingsIntent',
  'PracticeStatsIntent',
] as const;

/**
 * Built-in intents the skill handles. AudioPlayer skills must accept the playback built-ins even
 * when they only answer "that isn't supported here" (loop, shuffle).
 */
export const BUILT_IN_INTENT_NAMES = [
  'AMAZON.PauseIntent',
  'AMAZON.ResumeIntent',
  'AMAZON.NextIntent',
  'AMAZON.PreviousIntent',
  'AMAZON.StartOverIntent',
  'AMAZON.LoopOnIntent',
  'AMAZON.LoopOffIntent',
  'AMAZON.ShuffleOnIntent',
  'AMAZON.ShuffleOffIntent',
  'AMAZON.RepeatIntent',
  'AMAZON.CancelIntent',
  'AMAZON.StopIntent',
  'AMAZON.HelpIntent',
  'AMAZON.FallbackIntent',
  'AMAZON.NavigateHomeIntent',
  'AMAZON.YesIntent',
  'AMAZON.NoIntent',
] as const;

export type PreferenceIntentName = (typeof PREFERENCE_INTENT_NAMES)[number];
export type CustomIntentName = (typeof CUSTOM_INTENT_NAMES)[number];
export type BuiltInIntentName = (typeof BUILT_IN_INTENT_NAMES)[number];
export type IntentName = CustomIntentName | BuiltInIntentName;
