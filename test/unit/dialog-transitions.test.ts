/**
 * Inside every question the skill asks: repeat asks it again, a miss re-asks once and keeps the
 * question, a second miss or "go home" / "cancel" leaves it calmly, and only the dialog's own
 * answers start playback. Pure: no Alexa, no DynamoDB.
 */
import fc from 'fast-check';
import { isDialog, onMiss, onNavigateHome, onNo, onPhrase, onRepeat, onYes, question, type Dialog } from '../../lambda/core/dialog';
import { say } from '../../lambda/core/speech';
import { isAfterEffect, type Answer, type Facts, type Plan } from '../../lambda/core/types';
import { testCatalog } from '../support/catalog';
import { dialog as anyDialog, facts as anyFacts, NOW_MS } from '../support/core-facts';

const catalog = testCatalog();
const resume = { variant: 'standard', segmentId: 'body-scan', nonce: 'abcd1234', attempt: 0 as const, clip: '', offsetMs: 42_000 };
const base: Facts = {
  catalog,
  canPlay: true,
  person: '',
  hour: 14,
  zone: 'America/New_York',
  nowMs: NOW_MS,
  timestamp: new Date(NOW_MS).toISOString(),
};

const EVERY_DIALOG: Dialog[] = [
  { kind: 'resume-offer', place: { variant: 'standard', segmentId: 'limbs', attempt: 0, clip: '', offsetMs: 0 } },
  { kind: 'sankalpa-phrase', misses: 0, resume },
  { kind: 'sankalpa-confirm', text: 'I rest in my breath', misses: 0, resume },
  { kind: 'sankalpa-clear', text: 'I rest in my breath', resume },
  { kind: 'sankalpa-ideas', ideas: ['I am at ease', 'My spine is free', 'I rest'], resume },
  { kind: 'forget', resume },
  { kind: 'bedtime-offer', offer: { hour: 21, minute: 30, zone: 'America/New_York' } },
];

const answerOf = (plan: Plan): Answer => {
  if (isAfterEffect(plan)) throw new Error(`expected an answer, got the effect ${plan.effect.kind}`);
  return plan;
};

describe.each(EVERY_DIALOG.map((dialog) => [dialog.kind, dialog] as const))('inside the %s question', (_kind, dialog) => {
  const facts = { ...base, dialog };
  const asked = question(dialog, catalog);

  it('the question keeps the session open with a reprompt and plays nothing', () => {
    expect(asked.reprompt).toBeTruthy();
    expect(asked.play).toBeUndefined();
    expect(asked.dialog).toEqual(dialog);
  });

  it('"repeat" asks it again, dialog and all, and plays nothing', () => {
    const again = onRepeat(dialog, facts);
    expect(again.dialog).toEqual(dialog);
    expect(again.reprompt).toBe(asked.reprompt);
    expect(again.speech).toBeTruthy();
    expect(again.play).toBeUndefined();
  });

  it('a miss re-asks once without losing the question; a second miss leaves it calmly', () => {
    const first = answerOf(onMiss(dialog, facts));
    expect(first.dialog).toEqual({ ...dialog, reasked: true });
    expect(first.speech).toContain(say.notCaught);
    expect(first.reprompt).toBe(asked.reprompt);
    expect(first.play).toBeUndefined();
    const second = answerOf(onMiss({ ...dialog, reasked: true }, facts));
    expect(second.dialog).toBeUndefined();
    expect(second.end).toBe(true);
    expect(second.speech).toBe(say.leftAsItWas);
    expect(second.writes).toBeUndefined();
  });

  it('"go home" or "cancel" ends it calmly, changing nothing; a practice that was playing carries on', () => {
    const home = onNavigateHome(dialog, facts);
    expect(home).toMatchObject({ speech: say.leftAsItWas, end: true });
    expect(home.dialog).toBeUndefined();
    expect(home.writes).toBeUndefined();
    const where = 'resume' in dialog ? dialog.resume : undefined;
    if (where) expect(home.play).toMatchObject({ segmentId: where.segmentId, offsetMs: where.offsetMs, nonce: where.nonce });
    else expect(home.play).toBeUndefined();
  });

  it('is a shape the session validator accepts, and stops accepting once tampered with', () => {
    expect(isDialog(dialog, catalog)).toBe(true);
    expect(isDialog({ ...dialog, kind: 'something-else' }, catalog)).toBe(false);
    expect(isDialog({ ...dialog, reasked: 'yes' }, catalog)).toBe(false);
  });
});

describe('the sankalpa is not lost to an unexpected answer', () => {
  const confirming: Dialog = { kind: 'sankalpa-confirm', text: 'I rest in my breath', misses: 0 };

  it('"repeat" when asked "Shall I keep it?" asks again, with the phrase', () => {
    const again = onRepeat(confirming, { ...base, dialog: confirming });
    expect(again.speech).toContain('I rest in my breath');
    expect(again.speech).toContain('Shall I keep it?');
    expect(again.play).toBeUndefined();
    expect(again.dialog).toEqual(confirming);
  });

  it('a miss, then yes, still saves that phrase', () => {
    const reasked = answerOf(onMiss(confirming, { ...base, dialog: confirming }));
    const saved = onYes(reasked.dialog as Dialog, { ...base, dialog: reasked.dialog });
    expect(isAfterEffect(saved) && saved.effect).toEqual({ kind: 'make-clip', text: 'I rest in my breath' });
  });
});

describe('answers over thousands of generated facts (fast-check)', () => {
  const plans = (plan: Plan): Answer[] => {
    // Every outcome an effect may report, so each branch of a plan's `then` is checked too.
    if (!isAfterEffect(plan)) return [plan];
    const outcomes: Record<string, unknown[]> = {
      save: [true, false],
      'make-clip': ['0123456789abcdef', undefined],
      erase: [true, false],
      'create-reminder': [{ outcome: 'created' }, { outcome: 'no-permission' }, { outcome: 'failed' }],
    };
    return outcomes[plan.effect.kind].flatMap((outcome) => plans(plan.next(outcome as never)));
  };

  it('yes, no, a phrase, repeat, a miss and home never play and ask at once, and always answer', () => {
    fc.assert(
      fc.property(anyFacts(catalog, anyDialog(catalog)), fc.option(fc.constantFrom('I am calm', 'what', ''), { nil: undefined }), (facts, phrase) => {
        const dialog = facts.dialog as Dialog;
        const all = [
          onYes(dialog, facts),
          onNo(dialog, facts),
          onPhrase(dialog, facts, phrase),
          onRepeat(dialog, facts),
          onMiss(dialog, facts),
          onNavigateHome(dialog, facts),
        ].flatMap(plans);
        for (const answer of all) {
          expect(answer.speech || answer.play || answer.askReminderPermission).toBeTruthy();
          if (answer.reprompt || answer.dialog) {
            expect(answer.play).toBeUndefined();
            expect(answer.end).not.toBe(true);
            expect(answer.reprompt).toBeTruthy();
            expect(answer.dialog && isDialog(answer.dialog, catalog)).toBe(true);
          }
          if (answer.play) expect(answer.end).toBe(true);
        }
      }),
      { numRuns: 800, seed: 1203 },
    );
  });
});
