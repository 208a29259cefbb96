/**
 * What launch, resume, skip and next mean, as decision tables over thousands of generated facts
 * (any stored record, device place, speaker, hour and dialog): milliseconds, no Alexa, no DynamoDB.
 */
import fc from 'fast-check';
import { launch, moveByButton, moveByVoice, resume, skipTo } from '../../lambda/core/session';
import { isPlayingNow, type Answer, type Facts } from '../../lambda/core/types';
import { isPlayable } from '../../lambda/playback/plan';
import { isNight, variantFor } from '../../lambda/playback/preferences';
import { isUnfinished } from '../../lambda/playback/progress';
import { NAVIGATION_TARGETS } from '../../models/navigation-targets';
import { testCatalog } from '../support/catalog';
import { facts as anyFacts } from '../support/core-facts';

const catalog = testCatalog();
const RUNS = { numRuns: 500, seed: 20261203 };
const firstOf = (facts: Facts) => catalog.variants[variantFor(catalog, facts.record?.preferences, facts.hour)][0];

/** Rules every answer obeys: one thing at a time, and only places the catalog can play. */
function wellFormed(answer: Answer): void {
  if (answer.play) {
    expect(isPlayable(catalog, answer.play.variant, answer.play.segmentId)).toBe(true);
    expect(answer.reprompt).toBeUndefined();
    expect(answer.dialog).toBeUndefined();
  }
  if (answer.reprompt) expect(answer.end).not.toBe(true);
}

describe('launch', () => {
  it("plays, asks, or hands over to Alexa's routine offer: exactly one; asks only by day, about an unfinished practice of their own", () => {
    fc.assert(
      fc.property(anyFacts(catalog), (facts) => {
        const answer = launch(facts);
        wellFormed(answer);
        expect([answer.play, answer.reprompt, answer.offerRoutine].filter(Boolean)).toHaveLength(1);
        if (answer.offerRoutine) {
          // Never both offers, and only once, after a whole practice, where Alexa has routines.
          expect(answer.dialog).toBeUndefined();
          expect(facts.locale).toBe('en-US');
          expect(facts.skillId).toBeDefined();
          expect(facts.record?.completedCount).toBeGreaterThanOrEqual(1);
          expect(facts.record?.bedtimeOffer).toBeUndefined();
          expect(answer.writes).toEqual([{ kind: 'bedtime-offer', offer: expect.objectContaining({ answer: 'unanswered', via: 'routine' }) }]);
        }
        if (answer.dialog?.kind === 'resume-offer') {
          expect(isNight(facts.hour)).toBe(false);
          expect(isUnfinished(facts.record?.progress)).toBe(true);
        }
        if (answer.dialog?.kind === 'bedtime-offer') {
          expect(facts.locale === 'en-US' && facts.skillId).toBeFalsy();
          expect(facts.record?.completedCount).toBeGreaterThanOrEqual(1);
          expect(facts.record?.bedtimeOffer).toBeUndefined();
          expect(answer.writes).toEqual([expect.objectContaining({ kind: 'bedtime-offer' })]);
        }
      }),
      RUNS,
    );
  });

  it('a new listener (nothing stored, nothing on the Echo) hears the welcome and their practice from its first part', () => {
    fc.assert(
      fc.property(anyFacts(catalog), (generated) => {
        const facts = { ...generated, record: undefined, device: undefined };
        const answer = launch(facts);
        expect(answer.play).toMatchObject({ segmentId: firstOf(facts), offsetMs: 0 });
        expect(answer.play?.nonce).toBeUndefined();
        expect(answer.speech).toContain('Welcome to Spine Nidra');
      }),
      RUNS,
    );
  });

  it('a finished practice starts afresh; it is never offered for resuming', () => {
    fc.assert(
      fc.property(anyFacts(catalog), (generated) => {
        fc.pre(generated.record?.progress?.state === 'completed');
        expect(launch(generated).dialog?.kind).not.toBe('resume-offer');
      }),
      RUNS,
    );
  });
});

describe('resume', () => {
  it('by voice always plays something, and only what is playable; by button the same, silently', () => {
    fc.assert(
      fc.property(anyFacts(catalog), (facts) => {
        const spoken = resume(facts, true);
        wellFormed(spoken);
        expect(spoken.play).toBeDefined();
        expect(spoken.end).toBe(true);
        const pressed = resume(facts, false);
        expect(pressed.play).toEqual(spoken.play);
        expect(pressed.speech).toBeUndefined();
        expect(pressed.end).toBeUndefined();
      }),
      RUNS,
    );
  });

  it("carries on the Echo's own listening session when the store knows no newer one", () => {
    fc.assert(
      fc.property(anyFacts(catalog), (facts) => {
        fc.pre(facts.device !== undefined && (facts.record?.progress === undefined || facts.record.progress.nonce === facts.device.nonce));
        fc.pre(facts.record?.progress?.state !== 'completed');
        const answer = resume(facts, true);
        expect(answer.play?.variant).toBe(facts.device?.variant);
      }),
      RUNS,
    );
  });
});

describe('skip to a named part', () => {
  const targetIds = NAVIGATION_TARGETS.map((target) => target.id);

  it('a known part plays from its start, in the variant playing or, where that leaves it out, the standard one', () => {
    fc.assert(
      fc.property(anyFacts(catalog), fc.constantFrom(...targetIds), (facts, target) => {
        const answer = skipTo(facts, target);
        wellFormed(answer);
        expect(answer.play).toBeDefined();
        expect(answer.play?.offsetMs).toBe(0);
        expect(answer.play?.nonce).toBeUndefined();
        const variant = facts.device?.variant ?? variantFor(catalog, facts.record?.preferences, facts.hour);
        expect([variant, 'standard', 'standard-plain']).toContain(answer.play?.variant);
      }),
      RUNS,
    );
  });

  it('an unknown part names the parts and carries on, or asks which one', () => {
    fc.assert(
      fc.property(anyFacts(catalog), (facts) => {
        const answer = skipTo(facts, undefined);
        wellFormed(answer);
        expect(answer.speech).toContain('I can take you to');
        if (isPlayingNow(facts.device)) expect(answer.play).toMatchObject({ segmentId: facts.device.segmentId, nonce: facts.device.nonce });
        else expect(answer.reprompt).toBeTruthy();
      }),
      RUNS,
    );
  });
});

describe('next and previous', () => {
  it('by voice always answers; by button never speaks', () => {
    fc.assert(
      fc.property(anyFacts(catalog), fc.constantFrom('next' as const, 'previous' as const, 'repeat' as const), (facts, move) => {
        const spoken = moveByVoice(facts, move);
        wellFormed(spoken);
        expect(spoken.play || spoken.speech).toBeTruthy();
        if (move !== 'repeat') {
          const pressed = moveByButton(facts, move);
          expect(pressed.speech).toBeUndefined();
          expect(pressed.end).toBeUndefined();
        }
      }),
      RUNS,
    );
  });
});
