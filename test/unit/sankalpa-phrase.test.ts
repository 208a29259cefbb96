import { SANKALPA_IDEAS } from '../../models/sankalpa-ideas';
import { clipFiles, clipKey, makeClipWithin, type ClipMaker } from '../../lambda/sankalpa/clips';
import { checkSankalpa, hasWakeWord, MAX_SANKALPA_CHARS, pickIdeas, tidySankalpa, WAKE_WORDS } from '../../lambda/sankalpa/phrase';
import { escapeSsml } from '../../lambda/core/speech';

describe('a sankalpa that cannot wake the Echo', () => {
  it.each([
    'Alexa I am calm and whole',
    'I am calm, alexa',
    'my AMAZON heart is open',
    'I listen to the echo of my breath',
    "the Echo's voice is calm",
    'Computer I rest',
    'ziggy is at peace',
  ])('refuses "%s": a wake word, whole, in any case', (spoken) => {
    expect(checkSankalpa(spoken)).toEqual({ ok: false, problem: 'wake-word' });
    expect(hasWakeWord(spoken)).toBe(true);
  });

  it.each(['Sound echoes softly in my spine', 'I am not computerised', 'Alexandra walks with me', 'My breath is an amazonian river'])(
    'accepts "%s": only whole words count',
    (spoken) => {
      expect(checkSankalpa(spoken)).toMatchObject({ ok: true });
    },
  );

  it('no sankalpa idea contains one', () => {
    expect(SANKALPA_IDEAS.filter(hasWakeWord)).toEqual([]);
    for (const word of WAKE_WORDS) expect(SANKALPA_IDEAS.join(' ').toLowerCase().split(/\W+/)).not.toContain(word);
  });
});

describe('what counts as a sankalpa', () => {
  it('tidies what Alexa heard', () => {
    expect(tidySankalpa('  i am   at ease in my body.  ')).toBe('I am at ease in my body');
  });

  it.each([
    ['i am at ease in my body', 'I am at ease in my body'],
    ['My spine is supple & free', 'My spine is supple & free'],
  ])('accepts "%s"', (spoken, text) => {
    expect(checkSankalpa(spoken)).toEqual({ ok: true, text });
  });

  it.each([
    [undefined, 'empty'],
    ['', 'empty'],
    ['  ... ', 'empty'],
    ['I am '.repeat(30), 'too-long'],
    ['a'.repeat(MAX_SANKALPA_CHARS + 1), 'too-long'],
    ['stop', 'not-an-intention'],
    ["i don't know", 'not-an-intention'],
    ['what time is it', 'not-an-intention'],
    ['visit https://example.com now', 'not-an-intention'],
  ])('re-asks for %j (%s)', (spoken, problem) => {
    expect(checkSankalpa(spoken)).toEqual({ ok: false, problem });
  });
});

describe('SSML escaping', () => {
  it.each([
    ['I am safe & well', 'I am safe &amp; well'],
    ['<break time="10s"/>I am calm', '&lt;break time=&quot;10s&quot;/&gt;I am calm'],
    ["I'm at ease", 'I&apos;m at ease'],
    ['</speak><audio src="https://x"/>', '&lt;/speak&gt;&lt;audio src=&quot;https://x&quot;/&gt;'],
  ])('escapes %j', (text, escaped) => {
    expect(escapeSsml(text)).toBe(escaped);
  });
});

describe('sankalpa ideas', () => {
  it('offers three different ideas, some about the body or spine, varying from day to day', () => {
    const days = [0, 1, 2, 3].map((day) => pickIdeas(SANKALPA_IDEAS, day));
    for (const ideas of days) {
      expect(new Set(ideas).size).toBe(3);
      expect(ideas.some((idea) => /body|spine|back|neck/i.test(idea))).toBe(true);
    }
    expect(new Set(days.map((ideas) => ideas.join('|'))).size).toBeGreaterThan(1);
  });
});

describe('personal clips', () => {
  it('are addressed by content and voice, named after their place in the practice', () => {
    const key = clipKey('I am at ease', 'flite-slt');
    expect(key).toMatch(/^[0-9a-f]{16}$/);
    expect(clipKey('I am at ease', 'flite-slt')).toBe(key);
    expect(clipKey('I am at ease', 'polly-ruth')).not.toBe(key);
    expect(clipFiles(key)).toEqual([`sankalpa-personal.${key}.mp3`, `closing-sankalpa-personal.${key}.mp3`]);
  });

  it('give up when the maker is too slow, and have no key without a maker', async () => {
    const slow: ClipMaker = { voice: 'slow', make: () => new Promise((resolve) => setTimeout(resolve, 1_000)) };
    await expect(makeClipWithin(slow, 'I am calm', 20)).rejects.toThrow(/not ready/);
    expect(await makeClipWithin(undefined, 'I am calm')).toBeUndefined();
  });
});
