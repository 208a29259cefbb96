/** One Echo, two recognised voices: progress, sankalpa, preferences and stats belong to each person. */
import { listenerKey } from '../../lambda/skill/listener';
import { createHarness, type Harness } from '../support/harness';
import { audioEvent, intent, launch, system, playOf, speechOf } from '../../testkit/envelopes';
import { tokenFields } from '../../testkit/tokens';

const ACCOUNT = 'amzn1.ask.account.HOUSEHOLD';
const ANNA = 'amzn1.ask.person.ANNA';
const BEN = 'amzn1.ask.person.BEN';
const phrase = (value: string) => ({ phrase: { name: 'phrase', value, confirmationStatus: 'NONE' } });

describe('a household sharing one Echo', () => {
  let harness: Harness;
  const as = (personId: string | undefined) => ({ userId: ACCOUNT, ...(personId ? { personId } : {}) });
  /** The item a person's requests use, as the skill keys it. */
  const keyFor = (personId?: string) => listenerKey(launch(as(personId)));

  beforeEach(async () => {
    harness = await createHarness();
  });

  const setSankalpa = async (personId: string, text: string) => {
    const asked = await harness.send(intent('SetSankalpaIntent', { ...as(personId), slots: phrase(text) }));
    await harness.send(intent('AMAZON.YesIntent', { ...as(personId), session: { new: false, attributes: asked.sessionAttributes ?? {} } }));
  };

  it("keeps each person's sankalpa and preferences apart, and the account's apart from both", async () => {
    await setSankalpa(ANNA, 'my spine is supple');
    await harness.send(intent('GentleStartIntent', as(ANNA)));
    expect(speechOf(await harness.send(intent('WhatIsSankalpaIntent', as(ANNA))))).toContain('My spine is supple');
    expect(speechOf(await harness.send(intent('WhatIsSankalpaIntent', as(BEN))))).toContain('You have not set a sankalpa yet');
    expect(speechOf(await harness.send(intent('WhatIsSankalpaIntent', as(undefined))))).toContain('You have not set a sankalpa yet');
    expect(tokenFields(playOf(await harness.send(launch(as(ANNA))))?.token).variant).toBe('gentle');
    expect(tokenFields(playOf(await harness.send(launch(as(BEN))))?.token).variant).toBe('standard');
    expect(new Set([keyFor(ANNA), keyFor(BEN), keyFor(undefined)]).size).toBe(3);
  });

  it("the Echo's playback events, which name no person, land on the person who started the practice", async () => {
    const started = await harness.send(launch(as(ANNA)));
    const token = playOf(started)?.token as string;
    expect(tokenFields(token).version).toBe('2');
    expect(token).not.toContain('ANNA');
    // AudioPlayer requests carry the account only.
    const now = new Date(harness.clock.ms).toISOString();
    await harness.send(audioEvent('PlaybackStarted', token, 0, { ...as(undefined), timestamp: now }));
    await harness.send(audioEvent('PlaybackStopped', token, 45_000, { ...as(undefined), timestamp: now }));
    expect((await harness.store.load(keyFor(ANNA)))?.progress).toMatchObject({ state: 'paused', offsetMs: 45_000 });
    expect((await harness.store.load(keyFor(ANNA)))?.startedCount).toBe(1);
    expect((await harness.store.load(keyFor(BEN)))?.progress).toBeUndefined();
    expect((await harness.store.load(keyFor(undefined)))?.progress).toBeUndefined();
    // The next item enqueued keeps Anna's practice hers.
    const nearly = await harness.send(audioEvent('PlaybackNearlyFinished', token, 80_000, as(undefined)));
    expect(tokenFields(playOf(nearly)?.token).person).toBe(tokenFields(token).person);
    // Ben is not offered Anna's place; Anna is.
    expect(speechOf(await harness.send(launch(as(BEN))))).not.toContain('Last time you stopped');
    expect(speechOf(await harness.send(launch(as(ANNA))))).toContain('Last time you stopped');
  });

  it('Anna forgetting herself leaves Ben; disabling the skill erases the whole household', async () => {
    await setSankalpa(ANNA, 'I am calm');
    await setSankalpa(BEN, 'I am strong');
    await harness.send(launch(as(ANNA)));
    await harness.send(launch(as(BEN)));
    await harness.store.setSankalpa(keyFor(undefined), { text: 'we rest', setAt: '2026-11-24T20:00:00Z' });
    expect((await harness.store.load(keyFor(undefined)))?.people?.sort()).toEqual([keyFor(ANNA), keyFor(BEN)].sort());

    const asked = await harness.send(intent('ForgetMeIntent', as(ANNA)));
    await harness.send(intent('AMAZON.YesIntent', { ...as(ANNA), session: { new: false, attributes: asked.sessionAttributes ?? {} } }));
    expect((await harness.store.load(keyFor(ANNA)))?.sankalpa).toBeUndefined();
    expect((await harness.store.load(keyFor(BEN)))?.sankalpa?.text).toBe('I am strong');
    expect((await harness.store.load(keyFor(undefined)))?.sankalpa?.text).toBe('we rest');

    await harness.send(
      system('AlexaSkillEvent.SkillDisabled', { body: { userId: ACCOUNT, userInformationPersistenceStatus: 'NOT_PERSISTED' } }, as(undefined)),
    );
    for (const person of [ANNA, BEN, undefined]) {
      expect(await harness.store.load(keyFor(person))).toEqual({ startedCount: 0, completedCount: 0, erased: true });
    }
  });

  it("a voice Alexa does not recognise is the account's, even while the Echo holds Anna's practice", async () => {
    await setSankalpa(ANNA, 'my secret wish');
    const annas = playOf(await harness.send(launch(as(ANNA))))?.token as string;
    const player = { token: annas, offsetInMilliseconds: 30_000, playerActivity: 'STOPPED' };
    const guest = await harness.send(launch({ ...as(undefined), player }));
    expect(speechOf(guest)).not.toContain('secret wish');
    const asked = await harness.send(intent('ForgetMeIntent', { ...as(undefined), player }));
    await harness.send(intent('AMAZON.YesIntent', { ...as(undefined), player, session: { new: false, attributes: asked.sessionAttributes ?? {} } }));
    expect((await harness.store.load(keyFor(ANNA)))?.sankalpa?.text).toBe('My secret wish');
  });

  it("Ben, new on an Echo that holds Anna's practice, starts his own from the top", async () => {
    const annas = playOf(await harness.send(launch(as(ANNA))))?.token as string;
    const ben = await harness.send(launch({ ...as(BEN), player: { token: annas, offsetInMilliseconds: 60_000, playerActivity: 'STOPPED' } }));
    const play = playOf(ben);
    expect(play).toMatchObject({ offsetInMilliseconds: 0 });
    expect(tokenFields(play?.token).person).not.toBe(tokenFields(annas).person);
    expect(speechOf(ben)).not.toContain('Continuing');
  });

  it('a voice that only sets a sankalpa is still listed, so disabling the skill erases it', async () => {
    await setSankalpa(BEN, 'I am strong');
    expect((await harness.store.load(keyFor(undefined)))?.people).toEqual([keyFor(BEN)]);
  });

  it("Ben changing a setting while Anna's practice plays leaves her practice hers and unchanged", async () => {
    const annas = playOf(await harness.send(launch(as(ANNA))))?.token as string;
    const answer = await harness.send(
      intent('NatureSoundsOffIntent', { ...as(BEN), player: { token: annas, offsetInMilliseconds: 20_000, playerActivity: 'PLAYING' } }),
    );
    const play = playOf(answer);
    expect(tokenFields(play?.token).person).toBe(tokenFields(annas).person);
    expect(tokenFields(play?.token).variant).toBe(tokenFields(annas).variant);
    expect(speechOf(answer)).toContain('That starts with your next practice.');
    expect((await harness.store.load(keyFor(BEN)))?.preferences).toEqual({ nature: false });
  });

  it('stats are per person', async () => {
    const token = playOf(await harness.send(launch(as(ANNA))))?.token as string;
    await harness.send(audioEvent('PlaybackStarted', token, 0, as(undefined)));
    expect(speechOf(await harness.send(intent('PracticeStatsIntent', as(ANNA))))).toContain('You have practised once');
    expect(speechOf(await harness.send(intent('PracticeStatsIntent', as(BEN))))).toContain('You have not practised yet');
  });
});
