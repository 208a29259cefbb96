import { SECTION_IDS } from '../../models/practice-types';
import type { Segment } from '../../models/practice-types';
import { ORDINALS, spineNidra } from '../../models/spine-nidra';
import { SANKALPA_IDEAS } from '../../models/sankalpa-ideas';
import { VARIANT_ID_PATTERN, allSegments as modelSegments, contentVariants, deliveredVariants, standardSequence } from '../../models/variants';
import { SPEECH_WORDS_PER_MINUTE, estimateCueSec, estimatePracticeSec, estimateSegmentSec } from '../../models/timing';

/** Every segment, the variant-only alternates included (the writing rules apply to all). */
const allSegments: Segment[] = modelSegments(spineNidra);
const allCues = allSegments.flatMap((g) => g.cues.map((cue) => ({ segmentId: g.id, cue })));

function segment(id: string): Segment {
  const found = allSegments.find((g) => g.id === id);
  if (!found) throw new Error(`no segment ${id}`);
  return found;
}

/** Target minutes per section, from shared/practice/spine-nidra-outline.md. */
const OUTLINE_MINUTES: Record<(typeof SECTION_IDS)[number], number> = {
  arrival: 1.5,
  'tension-release': 3,
  softening: 2.5,
  sankalpa: 1,
  'body-scan': 3,
  'spine-rotation': 8,
  limbs: 4,
  'spine-breath': 4,
  'crown-breath': 1,
  rest: 2,
  'closing-sankalpa': 1,
  return: 1.5,
};

/** Ordinals named as "<ordinal> vertebra" in a segment, in order of appearance. */
function vertebraeNamed(g: Segment): string[] {
  const names: string[] = [];
  for (const { say } of g.cues) {
    for (const m of say.toLowerCase().matchAll(/\b([a-z]+) vertebra\b/g)) {
      if ((ORDINALS as readonly string[]).includes(m[1])) names.push(m[1]);
    }
  }
  return names;
}

describe('spine nidra structure', () => {
  it('has the practice id and title', () => {
    expect(spineNidra.id).toBe('spine-nidra');
    expect(spineNidra.title).toBe('Spine Nidra');
  });

  it('has the twelve sections in the outline order', () => {
    expect(spineNidra.sections.map((s) => s.id)).toEqual([...SECTION_IDS]);
  });

  it('gives every section except spine-rotation one segment named like the section', () => {
    for (const section of spineNidra.sections) {
      if (section.id === 'spine-rotation') continue;
      expect(section.segments.map((g) => g.id)).toEqual([section.id]);
    }
  });

  it('splits spine-rotation into cervical, thoracic, lumbar and whole-column segments', () => {
    const section = spineNidra.sections.find((s) => s.id === 'spine-rotation');
    expect(section?.segments.map((g) => g.id)).toEqual([
      'spine-rotation-cervical',
      'spine-rotation-thoracic',
      'spine-rotation-lumbar',
      'spine-rotation-column',
    ]);
  });

  it('plays the fifteen standard segments in order', () => {
    expect(standardSequence(spineNidra)).toEqual([
      'arrival',
      'tension-release',
      'softening',
      'sankalpa',
      'body-scan',
      'spine-rotation-cervical',
      'spine-rotation-thoracic',
      'spine-rotation-lumbar',
      'spine-rotation-column',
      'limbs',
      'spine-breath',
      'crown-breath',
      'rest',
      'closing-sankalpa',
      'return',
    ]);
  });

  it('keeps the variant-only segments as alternates of the sections they stand in for', () => {
    const alternates = spineNidra.sections.flatMap((s) => (s.alternates ?? []).map((g) => [s.id, g.id]));
    expect(alternates).toEqual([
      ['softening', 'softening-gentle'],
      ['rest', 'rest-longer'],
      ['return', 'return-bedtime'],
    ]);
  });

  it('has globally unique segment ids, each starting with its section id and pointing back to it', () => {
    const ids = allSegments.map((g) => g.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const section of spineNidra.sections) {
      for (const g of [...section.segments, ...(section.alternates ?? [])]) {
        expect(g.id.startsWith(section.id)).toBe(true);
        expect(g.sectionId).toBe(section.id);
      }
    }
  });

  it('has a spoken title for every section and segment, starting in lower case', () => {
    for (const item of [...spineNidra.sections, ...allSegments]) {
      expect(item.title.trim()).not.toBe('');
      expect(item.title).toMatch(/^[a-z][a-z ]*$/);
    }
    expect(spineNidra.sections.find((s) => s.id === 'sankalpa')?.title).toBe('your sankalpa');
    expect(segment('spine-rotation-column').title).toBe('the whole spine');
  });
});

describe('spine nidra cues', () => {
  it('gives every segment at least one cue and a sane lead-in', () => {
    for (const g of allSegments) {
      expect(g.cues.length).toBeGreaterThan(0);
      expect(Number.isFinite(g.leadInSec)).toBe(true);
      expect(g.leadInSec).toBeGreaterThanOrEqual(0);
    }
  });

  it('speaks only plain text a synthesizer reads well', () => {
    for (const { segmentId, cue } of allCues) {
      const where = `${segmentId}: ${cue.say}`;
      expect([where, cue.say.trim().length > 0]).toEqual([where, true]);
      expect([where, /\d/.test(cue.say)]).toEqual([where, false]);
      expect([where, /^[A-Za-z .,;:'?!-]+$/.test(cue.say)]).toEqual([where, true]);
      expect([where, cue.say.length <= 300]).toEqual([where, true]);
      expect([where, cue.say === cue.say.trim() && !/ {2}/.test(cue.say)]).toEqual([where, true]);
    }
  });

  it('has finite, non-negative pauses', () => {
    for (const { cue } of allCues) {
      expect(Number.isFinite(cue.pauseSec)).toBe(true);
      expect(cue.pauseSec).toBeGreaterThanOrEqual(0);
    }
  });

  it.each([
    ['spine-rotation-cervical', 7],
    ['spine-rotation-thoracic', 12],
    ['spine-rotation-lumbar', 5],
  ])('%s names each of its %i vertebrae once, in order, from the top', (id, count) => {
    expect(vertebraeNamed(segment(id))).toEqual(ORDINALS.slice(0, count));
  });

  it.each([
    ['spine-rotation-cervical', 7],
    ['spine-rotation-thoracic', 12],
    ['spine-rotation-lumbar', 5],
  ])('%s turns each vertebra right, left and back to centre with room to turn', (id, count) => {
    const cues = segment(id).cues;
    const first = cues.findIndex((cue) => /\bfirst vertebra\b/i.test(cue.say));
    expect(first).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < count; i++) {
      const [turn, other, centre] = cues.slice(first + 3 * i, first + 3 * i + 3);
      expect(turn.say.toLowerCase()).toContain(`${ORDINALS[i]} vertebra`);
      expect(turn.say.toLowerCase()).toContain('right');
      expect(other.say.toLowerCase()).toMatch(/left|other way/);
      expect(centre.say.toLowerCase()).toContain('centre');
      for (const cue of [turn, other, centre]) expect(cue.pauseSec).toBeGreaterThanOrEqual(1.5);
    }
  });

  it('varies the vertebra wording instead of repeating one line', () => {
    const turnLines = ['spine-rotation-cervical', 'spine-rotation-thoracic', 'spine-rotation-lumbar'].flatMap((id) =>
      segment(id)
        .cues.filter((cue) => /\b[a-z]+ vertebra\b/i.test(cue.say))
        .map((cue) => cue.say),
    );
    expect(turnLines).toHaveLength(24);
    const shapes = new Set(turnLines.map((say) => say.toLowerCase().replace(/\b[a-z]+ vertebra\b/, 'N vertebra')));
    expect(shapes.size).toBeGreaterThanOrEqual(8);
  });

  it('starts the neck at the skull, moves the ribs in the thoracic spine, and ends the lumbar at the sacrum', () => {
    const text = (id: string) =>
      segment(id)
        .cues.map((cue) => cue.say.toLowerCase())
        .join(' ');
    expect(text('spine-rotation-cervical')).toMatch(/base of the skull/);
    const ribTurns = segment('spine-rotation-thoracic').cues.filter((cue) => /\b[a-z]+ vertebra\b/i.test(cue.say) && /\bribs?\b/i.test(cue.say));
    expect(ribTurns).toHaveLength(12);
    expect(text('spine-rotation-lumbar')).toMatch(/largest/);
    expect(text('spine-rotation-lumbar')).toMatch(/sacrum/);
    const column = text('spine-rotation-column');
    for (const word of ['pelvis', 'sacrum', 'tailbone', 'right', 'left', 'centre']) expect(column).toContain(word);
  });

  it('runs three rounds of tension and release: right, left, then the whole body with a held breath', () => {
    const says = segment('tension-release').cues.map((cue) => cue.say.toLowerCase());
    const right = says.findIndex((s) => s.includes('right hand'));
    const left = says.findIndex((s) => s.includes('left hand'));
    const whole = says.findIndex((s) => s.includes('whole body'));
    expect(right).toBeGreaterThanOrEqual(0);
    expect(left).toBeGreaterThan(right);
    expect(whole).toBeGreaterThan(left);
    expect(says.slice(whole).some((s) => s.includes('hold'))).toBe(true);
    expect(says.filter((s) => /release|let everything go|let it all go/.test(s)).length).toBeGreaterThanOrEqual(3);
    // A gentle option for listeners whose backs do not like tensing.
    expect(says.some((s) => s.includes('stay soft'))).toBe(true);
  });

  it.each(['sankalpa', 'closing-sankalpa'])('%s ends by leading into the listener sankalpa, with the default for those who have none', (id) => {
    const cues = segment(id).cues;
    const last = cues[cues.length - 1].say.toLowerCase();
    expect(last).toContain('your sankalpa');
    expect(last).toContain('if you have none');
    expect(last).toContain('i accept myself just as i am');
    expect(last).toContain('silently');
  });

  it('introduces the sankalpa as a short, positive, present-tense intention', () => {
    const text = segment('sankalpa')
      .cues.map((cue) => cue.say.toLowerCase())
      .join(' ');
    expect(text).toMatch(/short/);
    expect(text).toMatch(/positive/);
    expect(text).toMatch(/present tense/);
  });

  it('guides three deep breaths in the closing sankalpa', () => {
    const text = segment('closing-sankalpa')
      .cues.map((cue) => cue.say.toLowerCase())
      .join(' ');
    expect(text).toContain('three deep breaths');
    expect(text).toContain('nose');
    expect(text).toContain('mouth');
  });

  it('mentions the cumulative effect and says thanks and goodbye on the way back', () => {
    const text = segment('return')
      .cues.map((cue) => cue.say.toLowerCase())
      .join(' ');
    expect(text).toContain('cumulative');
    expect(text).toContain('thank you');
    expect(text).toContain('goodbye');
  });

  it('leaves long silences in the rest', () => {
    const rest = segment('rest');
    const silence = rest.cues.reduce((sum, cue) => sum + cue.pauseSec, rest.leadInSec);
    expect(silence / estimateSegmentSec(rest)).toBeGreaterThan(0.8);
    expect(Math.max(...rest.cues.map((cue) => cue.pauseSec))).toBeGreaterThanOrEqual(20);
  });
});

describe('spine nidra variants', () => {
  const sequence = (id: string): string[] => {
    const found = contentVariants(spineNidra).find((v) => v.id === id);
    if (!found) throw new Error(`no variant ${id}`);
    return found.sequence;
  };
  const standard = standardSequence(spineNidra);

  it('offers the standard practice and every combination of short, gentle, restful and bedtime, ids in that order', () => {
    const ids = contentVariants(spineNidra).map((v) => v.id);
    expect(ids).toHaveLength(16);
    expect(ids[0]).toBe('standard');
    expect(ids).toEqual(expect.arrayContaining(['short', 'gentle', 'restful', 'bedtime', 'gentle-bedtime', 'short-gentle-restful-bedtime']));
    for (const id of ids.slice(1)) expect(id).toMatch(/^(short)?(-?gentle)?(-?restful)?(-?bedtime)?$/);
    expect(sequence('standard')).toEqual(standard);
  });

  it('keeps the short practice to the arrival, sankalpa, the whole spine rotation, the crown breath and the close, in 12-18 minutes', () => {
    expect(sequence('short')).toEqual([
      'arrival',
      'sankalpa',
      'spine-rotation-cervical',
      'spine-rotation-thoracic',
      'spine-rotation-lumbar',
      'spine-rotation-column',
      'crown-breath',
      'closing-sankalpa',
      'return',
    ]);
    // No tensing in the short practice, so the gentle start changes nothing there.
    expect(sequence('short-gentle')).toEqual(sequence('short'));
    for (const id of ['short', 'short-gentle', 'short-bedtime', 'short-gentle-bedtime']) {
      const minutes = sequence(id).reduce((sum, segmentId) => sum + estimateSegmentSec(segment(segmentId)), 0) / 60;
      expect(minutes).toBeGreaterThanOrEqual(12);
      expect(minutes).toBeLessThanOrEqual(18);
    }
  });

  it('rests longer after the rest when restful, and keeps that longer rest in the short practice', () => {
    expect(sequence('restful')).toEqual(standard.flatMap((id) => (id === 'rest' ? ['rest', 'rest-longer'] : [id])));
    expect(sequence('short-restful')).toContain('rest-longer');
    const quietSec = segment('rest-longer').cues.reduce((sum, cue) => sum + cue.pauseSec, 0);
    expect(quietSec).toBeGreaterThanOrEqual(240);
  });

  it('starts gently without tension and release, softening first instead', () => {
    expect(sequence('gentle')).toEqual(standard.map((id) => (id === 'tension-release' ? 'softening-gentle' : id)));
    const text = segment('softening-gentle')
      .cues.map((cue) => cue.say.toLowerCase())
      .join(' ');
    expect(text).toMatch(/no tensing/);
    expect(text).not.toMatch(/\bfist|\bsqueeze|\bhold the breath|\btighten/);
  });

  it('ends at bedtime without waking: the bed fades over minutes of silence after the last words', () => {
    expect(sequence('bedtime')).toEqual(standard.map((id) => (id === 'return' ? 'return-bedtime' : id)));
    expect(sequence('gentle-bedtime')).toEqual(standard.map((id) => ({ 'tension-release': 'softening-gentle', return: 'return-bedtime' })[id] ?? id));
    const ending = segment('return-bedtime');
    const text = ending.cues.map((cue) => cue.say.toLowerCase()).join(' ');
    expect(text).toMatch(/sleep/);
    expect(text).not.toMatch(/wiggle|stretch|open your eyes|nod your head/);
    const fade = ending.ambienceFadeOutSec ?? 0;
    expect(fade).toBeGreaterThanOrEqual(120);
    expect(ending.cues[ending.cues.length - 1].pauseSec).toBeGreaterThanOrEqual(fade);
  });

  it('delivers every content variant with the forest bed (default) and plain, under token-safe ids', () => {
    const delivered = deliveredVariants(spineNidra);
    const content = contentVariants(spineNidra).map((v) => v.id);
    expect(delivered.map((v) => [v.id, v.ambience])).toEqual([
      ...content.map((id) => [id, 'forest']),
      ...content.map((id) => [`${id}-plain`, 'none']),
    ]);
    for (const v of delivered) {
      expect(v.id).toMatch(VARIANT_ID_PATTERN);
      expect(v.id).not.toContain('|');
    }
  });

  it('rejects variants the skill could not rely on', () => {
    const withVariant = (replace: Record<string, string[]>, id = 'odd') => ({ ...spineNidra, variants: [{ id, title: 'odd', replace }] });
    expect(() => contentVariants(withVariant({ nope: ['rest'] }))).toThrow(/replaces "nope"/);
    expect(() => contentVariants(withVariant({ rest: ['missing'] }))).toThrow(/unknown segment "missing"/);
    expect(() => contentVariants(withVariant({ rest: ['arrival'] }))).toThrow(/plays a segment twice/);
    expect(() => contentVariants(withVariant({}, 'Bad|Id'))).toThrow(/id must match/);
    expect(() => contentVariants({ ...spineNidra, variants: [] })).toThrow(/no variant plays: softening-gentle, rest-longer, return-bedtime/);
  });
});

describe('timing estimates', () => {
  it('reads at 130 words per minute and adds the pause', () => {
    expect(SPEECH_WORDS_PER_MINUTE).toBe(130);
    const thirteenWords = 'one two three four five six seven eight nine ten eleven twelve thirteen';
    expect(estimateCueSec({ say: thirteenWords, pauseSec: 2 })).toBeCloseTo(8, 6);
    expect(estimateCueSec({ say: '  spaced   out  ', pauseSec: 0 })).toBeCloseTo((2 / 130) * 60, 6);
  });

  it('adds the lead-in and every cue for a segment, and every segment for a practice', () => {
    const g: Segment = {
      id: 'x',
      sectionId: 'rest',
      title: 'x',
      leadInSec: 3,
      cues: [
        { say: 'rest', pauseSec: 10 },
        { say: 'rest here', pauseSec: 5 },
      ],
    };
    expect(estimateSegmentSec(g)).toBeCloseTo(3 + (3 / 130) * 60 + 15, 6);
    const twoSections = {
      id: 'p',
      title: 'p',
      sections: [
        { id: 'rest' as const, title: 'a', segments: [g, g] },
        { id: 'arrival' as const, title: 'b', segments: [g] },
      ],
    };
    expect(estimatePracticeSec(twoSections)).toBeCloseTo(3 * estimateSegmentSec(g), 6);
  });

  it('comes to about thirty minutes in total', () => {
    const minutes = estimatePracticeSec(spineNidra) / 60;
    expect(minutes).toBeGreaterThanOrEqual(25);
    expect(minutes).toBeLessThanOrEqual(35);
  });

  it.each(Object.entries(OUTLINE_MINUTES))('keeps %s near the outline length of %f minutes', (id, target) => {
    const section = spineNidra.sections.find((s) => s.id === id);
    expect(section).toBeDefined();
    const minutes = section!.segments.reduce((sum, g) => sum + estimateSegmentSec(g), 0) / 60;
    expect(minutes).toBeGreaterThanOrEqual(target * 0.5);
    expect(minutes).toBeLessThanOrEqual(target * 1.7);
  });
});

describe('sankalpa ideas', () => {
  const BODY_WORDS = /\b(body|spine|back|neck|shoulders?|bones?|stand|move|posture)\b/i;

  it('offers twelve unique ideas', () => {
    expect(SANKALPA_IDEAS).toHaveLength(12);
    expect(new Set(SANKALPA_IDEAS.map((s) => s.toLowerCase())).size).toBe(12);
  });

  it('keeps each idea short, plain and first person, without trailing punctuation', () => {
    for (const idea of SANKALPA_IDEAS) {
      const words = idea.trim().split(/\s+/);
      expect([idea, words.length >= 3 && words.length <= 9]).toEqual([idea, true]);
      expect(idea).toMatch(/^(I|My) /);
      expect(idea).toMatch(/^[A-Za-z ,']+[A-Za-z]$/);
    }
  });

  it('has at least five ideas about the body and the spine', () => {
    expect(SANKALPA_IDEAS.filter((idea) => BODY_WORDS.test(idea)).length).toBeGreaterThanOrEqual(5);
  });
});
