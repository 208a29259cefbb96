/**
 * Spine Nidra: a guided Yoga Nidra of about thirty minutes for the spine, written as data.
 * Structure follows shared/practice/spine-nidra-outline.md; all spoken wording is original.
 *
 * Writing rules for `say`: plain words a speech synthesizer reads well, no digits, no
 * abbreviations, no brackets, slashes or symbols; only letters, spaces and . , ; : ' ? ! -
 * The listener's own sankalpa clip is played right after the `sankalpa` and `closing-sankalpa`
 * segments, so their last cue leads into it without assuming one exists.
 */
import type { Cue, Practice, Section, SectionId, Segment } from './practice-types';
import { bedtimeEnding, gentleStart, longerRest, NIGHT_VOICE } from './spine-nidra-alternates';
import { PRACTICE_OPTIONS } from './spine-nidra-options';
import { composeVariants } from './variants';

/** Shorthand for one cue. */
function c(say: string, pauseSec: number): Cue {
  return { say, pauseSec };
}

/** A section made of a single segment whose id equals the section id. */
function singleSegmentSection(id: SectionId, title: string, leadInSec: number, cues: Cue[], extra: Pick<Segment, 'softening'> = {}): Section {
  return { id, title, segments: [{ id, sectionId: id, title, leadInSec, cues, ...extra }] };
}

// ---------------------------------------------------------------------------------------------
// Spine rotation: one vertebra at a time, turning one way, the other way, and back to centre.
// ---------------------------------------------------------------------------------------------

/** Spoken ordinals for counting vertebrae (the thoracic spine has twelve). */
export const ORDINALS = [
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'twelfth',
] as const;

/** How to arrive at a vertebra; `ord` is e.g. "third", `area` e.g. "neck". */
const ARRIVE: ReadonlyArray<(ord: string, area: string) => string> = [
  (ord) => `Now the ${ord} vertebra.`,
  (ord, area) => `The ${ord} vertebra of the ${area}.`,
  (ord) => `Next, the ${ord} vertebra.`,
  (ord) => `Then the ${ord} vertebra.`,
  (ord) => `Move to the ${ord} vertebra.`,
];

const TURN_RIGHT = ['Turning gently to the right.', 'Slowly, to the right.', 'Let it turn right.', 'Softly to the right.'];

const TURN_LEFT = ['Now to the left.', 'Then the other way.', 'Over to the left.', 'And to the left.'];

const BACK_TO_CENTRE = ['Back to centre.', 'Home to centre.', 'Centre, and rest.', 'Back to centre, still.'];

interface VertebraRegion {
  /** Number of vertebrae in the region. */
  count: number;
  /** Spoken name of the region after "vertebra of the", e.g. "neck", by vertebra index from zero. */
  areaOf: (index: number) => string;
  /** Optional wording for particular vertebrae (index from zero) that replaces the arrive line. */
  special?: Partial<Record<number, string>>;
  /** Optional short lines woven into each turn, cycled, e.g. the ribs moving along. */
  accompany?: readonly string[];
  /** Silence after the turn one way, the turn the other way, and the return to centre. */
  pauses: { right: number; left: number; centre: number };
}

/**
 * Three cues per vertebra: arrive and turn one way, turn the other way, back to centre.
 * Each phrase list has a different length, so the combinations drift and do not sound looped.
 */
function vertebraCues(region: VertebraRegion): Cue[] {
  if (region.count > ORDINALS.length) throw new Error(`no ordinal words for ${region.count} vertebrae`);
  const cues: Cue[] = [];
  for (let i = 0; i < region.count; i++) {
    const ord = ORDINALS[i];
    const arrive = region.special?.[i] ?? ARRIVE[i % ARRIVE.length](ord, region.areaOf(i));
    const right = TURN_RIGHT[i % TURN_RIGHT.length];
    const extra = region.accompany ? ` ${region.accompany[i % region.accompany.length]}` : '';
    cues.push(c(`${arrive} ${right}${extra}`, region.pauses.right));
    cues.push(c(TURN_LEFT[(i + 1) % TURN_LEFT.length], region.pauses.left));
    cues.push(c(BACK_TO_CENTRE[(i + 2) % BACK_TO_CENTRE.length], region.pauses.centre));
  }
  return cues;
}

const cervical: Segment = {
  id: 'spine-rotation-cervical',
  sectionId: 'spine-rotation',
  title: 'the neck vertebrae',
  leadInSec: 2,
  cues: [
    c(
      'Now we come to the spine. Nothing really needs to move. Simply imagine each bone turning gently one way, then the other way, then back to centre.',
      3,
    ),
    c('Begin with the seven vertebrae of the neck, starting at the base of the skull.', 3),
    ...vertebraCues({
      count: 7,
      areaOf: () => 'neck',
      special: {
        0: 'Find the first vertebra of the neck, just beneath the skull.',
        6: 'Now the seventh vertebra, where the neck meets the shoulders.',
      },
      pauses: { right: 3, left: 2.5, centre: 1.5 },
    }),
    c('Feel your whole neck now. Soft and free.', 4),
  ],
};

const thoracic: Segment = {
  id: 'spine-rotation-thoracic',
  sectionId: 'spine-rotation',
  title: 'the upper and middle back',
  leadInSec: 2,
  cues: [
    c('Now the upper and middle back. Here there are twelve vertebrae, and each one holds a pair of ribs.', 3),
    c('As each one turns, notice the ribs moving with it.', 3),
    ...vertebraCues({
      count: 12,
      areaOf: (i) => (i < 6 ? 'upper back' : 'middle back'),
      special: {
        0: 'Begin with the first vertebra of the upper back, between the shoulders.',
        6: 'Now the seventh vertebra, behind the heart.',
        11: 'And the twelfth vertebra, at the bottom of the ribs.',
      },
      accompany: ['The ribs turn too.', 'Ribs following.', 'Ribs moving with it.', 'The ribs sway.', 'Ribs turning along.'],
      pauses: { right: 2.5, left: 2, centre: 1.5 },
    }),
    c('Feel your whole upper and middle back, wide and easy.', 4),
  ],
};

const lumbar: Segment = {
  id: 'spine-rotation-lumbar',
  sectionId: 'spine-rotation',
  title: 'the lower back',
  leadInSec: 2,
  cues: [
    c('Now the lower back. Five vertebrae, the largest of the spine, broad and strong, leading down toward the sacrum.', 3),
    ...vertebraCues({
      count: 5,
      areaOf: () => 'lower back',
      special: {
        0: 'Find the first vertebra of the lower back, just below the ribs.',
        4: 'And the fifth vertebra, the largest, resting just above the sacrum.',
      },
      pauses: { right: 3, left: 2.5, centre: 1.5 },
    }),
    c('Now feel the sacrum below, broad and steady, resting on the ground.', 4),
  ],
};

const column: Segment = {
  id: 'spine-rotation-column',
  sectionId: 'spine-rotation',
  title: 'the whole spine',
  leadInSec: 2,
  cues: [
    c('Now sense the whole spinal column, together with the pelvis, the sacrum, and the tailbone, all as one.', 4),
    c('Imagine it all turning gently to the right, like one long, supple chain.', 4),
    c('Now slowly to the left.', 4),
    c('And back to centre.', 4),
    c('Once more, softly to the right.', 4),
    c('Over to the left.', 4),
    c('And home to centre. Still and long.', 4),
    c('Feel every vertebra resting in its place. Supported. Free.', 6),
  ],
};

// ---------------------------------------------------------------------------------------------
// Limbs: rotation of awareness through the right side, the left side, then both together.
// ---------------------------------------------------------------------------------------------

function sideCues(side: 'right' | 'left'): Cue[] {
  const Side = side === 'right' ? 'Right' : 'Left';
  const parts = [
    `${Side} half of the chest.`,
    `${Side} shoulder.`,
    'Upper arm.',
    'Elbow.',
    'Forearm.',
    'Wrist.',
    'Palm of the hand.',
    'Back of the hand.',
    'Tip of the thumb.',
    'First finger.',
    'Second finger.',
    'Third finger.',
    'Little finger.',
    'Side of the chest.',
    'Waist.',
    `${Side} hip.`,
    'Thigh.',
    'Knee.',
    'Lower leg.',
    'Ankle.',
    'Heel.',
    'Sole of the foot.',
    'Top of the foot.',
    'Big toe.',
    'Second toe.',
    'Third toe.',
    'Fourth toe.',
    'Little toe.',
  ];
  return [...parts.map((say) => c(say, 1.5)), c(`The whole ${side} side of the body, together.`, 4)];
}

// ---------------------------------------------------------------------------------------------
// The practice
// ---------------------------------------------------------------------------------------------

const SANKALPA_LEAD_IN = 'If you have none, silently say to yourself, with feeling: I accept myself just as I am.';

export const spineNidra: Practice = {
  id: 'spine-nidra',
  title: 'Spine Nidra',
  sections: [
    singleSegmentSection('arrival', 'the arrival', 2, [
      c('Welcome. This is Spine Nidra, a time to rest deeply and to care for your spine.', 3),
      c('Lie down on your back, on a mat, a bed, or any comfortable surface.', 4),
      c('Take a moment to settle. You might place a pillow or a rolled blanket under your knees, to ease your lower back.', 5),
      c('Perhaps a cushion under your head, and a blanket over you, to stay warm.', 5),
      c('Make any last small adjustments. Then let your eyes close.', 4),
      c('Now notice your whole body resting on the ground.', 4),
      c('The back of your head, your shoulders, your back, your hips, and your heels, all held by the surface beneath you.', 5),
      c('There is nothing you need to do now. Let the ground hold you.', 5),
    ]),

    singleSegmentSection('tension-release', 'tension and release', 2, [
      c('In a moment, you will gently tense and then release your body, in three rounds.', 2),
      c('If tensing is too much for your back today, simply stay soft, and let each round be a moment of letting go.', 3),
      c("Let's begin with the right side.", 2),
      c('Make a fist with your right hand. Tighten your right arm. Stretch your right leg, and curl the toes of your right foot.', 2),
      c('Squeeze the right side of your face as well.', 2),
      c('Now breathe in deeply, and hold the breath, holding the tension.', 4),
      c('And breathe out. Let everything go.', 5),
      c('Feel the right side of your body soften and grow heavy.', 5),
      c('Now the left side.', 2),
      c('Make a fist with your left hand. Tighten your left arm. Stretch your left leg, and curl the toes of your left foot.', 2),
      c('Squeeze the left side of your face.', 2),
      c('Breathe in deeply, and hold.', 4),
      c('Breathe out, and release completely.', 5),
      c('Notice how the left side is soft now too.', 5),
      c('Now, for the last round, the whole body together.', 2),
      c('Make two fists. Tighten both arms, both legs, and curl the toes of both feet.', 2),
      c('Firm the belly, the chest, and the back. Scrunch up your whole face.', 2),
      c('Take a deep breath in, and hold it. Hold the whole body tight.', 4),
      c('And let it all go. Breathe out through the mouth, and release completely.', 6),
      c('Let your body sink down. Feel the ease spreading through you.', 7),
    ]),

    {
      ...singleSegmentSection('softening', 'the softening', 2, [
        c('Let your breath return to its own natural rhythm. There is no need to control it.', 5),
        c('Feel whatever is flowing through your body now. Tingling, warmth, heaviness, or simply stillness.', 6),
        c('Soften your jaw. Let your teeth part a little, and let your tongue rest.', 5),
        c('Release the small muscles around your eyes, and the space behind your eyes.', 5),
        c('Now imagine the two halves of your brain softening, like a tight fist slowly unclenching.', 7),
        c('Your body grows heavier with each breath.', 5),
        c('Notice your ears, listening. Sounds come and go by themselves.', 5),
        c('Notice the cool air moving in and out of your nostrils.', 5),
        c('Feel the breath reaching down and touching your heart.', 5),
        c('And let your attention rest in the centre of your chest. Warm, quiet, and at ease.', 8),
      ]),
      alternates: [gentleStart],
    },

    singleSegmentSection('sankalpa', 'your sankalpa', 2, [
      c('Now it is time for your sankalpa. This is a short, positive intention, spoken in the present tense, as if it were already true.', 4),
      c('It might be something you wish for your body, your heart, or your life.', 3),
      c('If nothing comes to mind, you could simply use: I accept myself just as I am.', 3),
      c('Whatever your sankalpa is, let it be simple and sincere.', 3),
      c(`Now hear your sankalpa, and repeat it silently, once, with feeling. ${SANKALPA_LEAD_IN}`, 6),
    ]),

    singleSegmentSection('body-scan', 'the body scan', 2, [
      c('Now let your awareness travel through the face and the head, resting briefly in each place as it is named. Simply notice.', 3),
      c('Bring your awareness to the roof of your mouth.', 3),
      c('Your teeth and gums.', 3),
      c('The inside of your right cheek.', 3),
      c('The inside of your left cheek.', 3),
      c('The tip of your tongue.', 3),
      c('The root of your tongue.', 3),
      c('Feel the air moving in your nostrils.', 4),
      c('The bridge of your nose.', 3),
      c('The edges of your nostrils.', 3),
      c('Your right cheekbone.', 2.5),
      c('Your left cheekbone.', 2.5),
      c('Your right eye.', 2.5),
      c('Your left eye.', 2.5),
      c('Your right temple.', 2.5),
      c('Your left temple.', 2.5),
      c('The centre of your forehead.', 4),
      c('Feel relaxation spreading up to your hairline, and over the whole of your scalp.', 5),
      c('Now be aware of your whole head, heavy and relaxed.', 5),
      c('The right half of your brain.', 3),
      c('The left half of your brain.', 3),
      c('Both halves together, soft and at ease.', 5),
      c('And let your awareness drift slowly down, to the base of your skull, where the head meets the spine.', 6),
    ]),

    {
      id: 'spine-rotation',
      title: 'the spine rotation',
      segments: [cervical, thoracic, lumbar, column],
    },

    singleSegmentSection('limbs', 'the limbs', 2, [
      c('Now let your awareness move through the body, like a soft light, resting on each part as it is named.', 3),
      c('Begin with the right side.', 2),
      ...sideCues('right'),
      c('Now move to the left side.', 2),
      ...sideCues('left'),
      c('Now both sides together. The whole right side and the whole left side.', 4),
      c('Both arms. Both hands.', 3),
      c('Both legs. Both feet.', 3),
      c('The whole body, lying here, resting and aware.', 6),
    ]),

    singleSegmentSection('spine-breath', 'breath along the spine', 2, [
      c('Now feel your body breathing by itself. You do not need to change the breath at all.', 6),
      c('Bring your attention to your tailbone, at the very base of the spine.', 4),
      c('As you breathe in, imagine the breath and its energy rising slowly along the spine, all the way up to the base of your skull.', 5),
      c('As you breathe out, let it flow gently back down to the tailbone.', 5),
      c('Up the spine as you breathe in.', 5),
      c('Down the spine as you breathe out.', 5),
      c('Like a soft wave, rising and falling along the length of your back.', 7),
      c('Continue in your own time. Rising with the breath in, flowing down with the breath out.', 15),
      c('Now, with each breath out, let this energy spread outward from the spine in every direction.', 5),
      c('Through the organs of your belly and chest. Out through the shoulders, arms, and hands, to the tips of your fingers.', 5),
      c('Down through the hips and legs, and out to the tips of your toes.', 5),
      c('Breathe in along the spine. Breathe out, and let it radiate through your whole body.', 12),
      c('If you like, you can sense this energy as a soft, glowing light. White, or any colour that feels right to you.', 5),
      c('With each breath in, the light along your spine grows a little brighter.', 5),
      c('With each breath out, it glows outward, filling your whole body.', 7),
      c('Rest in this gentle rhythm for a few breaths. Breathing in, brightening. Breathing out, radiating.', 16),
    ]),

    singleSegmentSection('crown-breath', 'the crown breath', 2, [
      c('Now imagine breathing in through the crown of your head, down to the very centre of your brain.', 4),
      c('And breathe out through the centre of your forehead, just above and between the eyebrows.', 4),
      c('In through the crown, to the centre of the brain.', 4),
      c('Out through the forehead.', 5),
      c('Again, in through the crown. And out through the forehead.', 6),
      c('Now let the technique go. Let the breath be just as it is.', 5),
    ]),

    {
      ...singleSegmentSection(
        'rest',
        'the rest',
        2,
        [
          c('Now simply rest. Your whole body resting, the breath and the energy flowing on their own.', 20),
          c('There is nothing to do, and nowhere to go.', 30),
          c('Just rest.', 30),
          c('You are safe, and at ease.', 25),
        ],
        { softening: NIGHT_VOICE.rest },
      ),
      alternates: [longerRest],
    },

    singleSegmentSection('closing-sankalpa', 'the closing sankalpa', 2, [
      c('Now, before returning to your sankalpa, take three deep breaths, in through the nose and out through the mouth.', 2),
      c('Breathe in.', 3),
      c('And out.', 4),
      c('Again, in through the nose.', 3),
      c('And out through the mouth.', 4),
      c('One last time, breathe in.', 3),
      c('And breathe out, fully.', 4),
      c(`Now hear your sankalpa once more, and repeat it silently, with feeling. ${SANKALPA_LEAD_IN}`, 6),
    ]),

    {
      ...singleSegmentSection('return', 'the return', 2, [
        c('Now slowly begin to come back.', 3),
        c('Become aware of the room around you, and the ground beneath you.', 4),
        c('Notice your breath, a little deeper now.', 3),
        c('Begin to make small movements. Wiggle your fingers and your toes.', 4),
        c('Gently nod your head, or roll it slowly from side to side.', 4),
        c('Stretch, or yawn, in any way your body asks for.', 5),
        c('Take as long as you need. Or, if you wish, simply stay here and keep resting.', 5),
        c('Coming back to this practice often has a cumulative effect. Each time, your body and your spine may let go a little more easily.', 3),
        c('Thank you for taking this time for yourself. Goodbye for now, and take good care.', 3),
      ]),
      alternates: [bedtimeEnding],
    },
  ],
  variants: composeVariants(PRACTICE_OPTIONS),
};
