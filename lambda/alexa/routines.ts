/**
 * Alexa routines a skill can offer (AMAZON.OfferAutomation, a managed skill-connection task): a
 * daily routine at a local time that runs this skill's StartPractice task. Alexa asks the listener
 * in its own words and hands the answer back in a SessionResumedRequest that echoes `token`.
 */
import type { RoutineOfferResult } from '../core/bedtime-offer';
import { START_PRACTICE_TASK } from '../core/routine';
import type { DailyTime } from '../playback/record';

export const OFFER_AUTOMATION_URI = 'connection://AMAZON.OfferAutomation/1';

export interface RoutineOfferDirective {
  type: 'Connections.StartConnection';
  uri: string;
  onCompletion: 'RESUME_SESSION';
  token: string;
  input: Record<string, unknown>;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** "213000" for 21:30, as the AbsoluteTime trigger wants it. */
export const triggerTime = ({ hour, minute }: DailyTime) => `${pad(hour)}${pad(minute)}00`;

/** The connection a routine runs: this skill's own task, provided by this skill. */
export const startPracticeUri = (skillId: string) => `connection://${skillId}.${START_PRACTICE_TASK}/1?provider=${skillId}`;

/**
 * Every day at `time` in `zone`, start the practice. `description` is what Alexa reads out for
 * the routine's one action when it offers it.
 */
export function offerRoutineDirective(skillId: string, time: DailyTime, zone: string, token: string, description: string): RoutineOfferDirective {
  const operationId = `${START_PRACTICE_TASK}_${triggerTime(time)}`;
  return {
    type: 'Connections.StartConnection',
    uri: OFFER_AUTOMATION_URI,
    onCompletion: 'RESUME_SESSION',
    token,
    input: {
      automation: {
        trigger: {
          type: 'Alexa.Automation.Trigger.Schedule.AbsoluteTime',
          version: '1.0',
          payload: { schedule: { triggerTime: triggerTime(time), timeZoneId: zone, recurrence: 'RRULE:FREQ=DAILY;INTERVAL=1' } },
        },
        operations: {
          serial: [
            {
              operation: {
                type: 'Alexa.Automation.Operation.Skill.StartConnection',
                version: '1.0',
                operationId,
                payload: { connectionRequest: { uri: startPracticeUri(skillId), input: {} } },
              },
            },
          ],
        },
      },
      renderingData: { operations: { [operationId]: { descriptionPrompt: description } } },
    },
  };
}

/** SessionResumedRequest's cause, as Alexa sends it for OfferAutomation (ask-sdk-model types it loosely). */
export interface ResumedCause {
  type?: string;
  token?: string;
  status?: { code?: string | number; message?: string };
  result?: { offerAutomationResponse?: { reason?: string } } | null;
}

/** 200 = created; 204 = not created, with the reason; any other status is an error. */
export function routineOfferResult(cause: ResumedCause | undefined): RoutineOfferResult {
  const code = Number(cause?.status?.code);
  if (code === 200) return 'created';
  if (code !== 204) return 'failed';
  const reason = cause?.result?.offerAutomationResponse?.reason;
  return reason === 'REJECTED_BY_CUSTOMER' ? 'rejected' : reason === 'AUTOMATION_ALREADY_ENABLED' ? 'already-enabled' : 'failed';
}
