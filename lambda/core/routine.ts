/**
 * Starting by routine: a LaunchRequest carrying the skill's `StartPractice` task (what an Alexa
 * routine runs) plays the listener's practice at once, continued or from the top, at any hour,
 * and never asks anything. Pure.
 */
import { isUnfinished } from '../playback/progress';
import { partTitle, resumePlace, startFresh } from './places';
import { say } from './speech';
import type { Answer, Facts } from './types';

export const START_PRACTICE_TASK = 'StartPractice';

/** `<skill id>.StartPractice`, as Alexa names the task it runs for this skill. */
export function isStartPracticeTask(taskName: unknown, skillId: string): boolean {
  return typeof taskName === 'string' && taskName === `${skillId}.${START_PRACTICE_TASK}`;
}

export function launchByRoutine(facts: Facts): Answer {
  const place = isUnfinished(facts.record?.progress) ? resumePlace({ ...facts, device: undefined }) : undefined;
  if (place) return { play: place, speech: say.continuing(partTitle(facts.catalog, place.segmentId)), end: true, count: 'PracticeResumed' };
  return startFresh(facts, say.routineStart);
}
