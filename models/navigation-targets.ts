/**
 * The places a listener can skip to, in practice order. One source for the interaction model's
 * SECTION slot type (id = slot value id, names[0] = slot value, the rest = synonyms) and for the
 * skill's own fallback matching when entity resolution finds nothing.
 *
 * Names are what someone lying down with their eyes closed might actually say: lowercase, letters,
 * spaces and apostrophes only, and never listed under two ids.
 */

export interface NavigationTarget {
  id: string;
  /** names[0] is the canonical spoken value; the rest are synonyms. */
  names: readonly string[];
}

export const NAVIGATION_TARGETS: readonly NavigationTarget[] = [
  {
    id: 'arrival',
    names: ['beginning', 'the beginning', 'start', 'arrival', 'welcome', 'introduction', 'the intro', 'intro', 'settling in'],
  },
  {
    id: 'tension-release',
    names: [
      'tension and release',
      'tension release',
      'tensing',
      'tense and relax',
      'squeeze and release',
      'tense and release',
      'tensing and releasing',
      'muscle tension',
    ],
  },
  {
    id: 'softening',
    names: ['softening', 'relaxation', 'soften', 'relaxing', 'letting go'],
  },
  {
    id: 'sankalpa',
    names: ['sankalpa', 'intention', 'my intention', 'resolve', 'my sankalpa', 'setting my intention', 'the intention'],
  },
  {
    id: 'body-scan',
    names: ['body scan', 'scan', 'face', 'the face scan', 'face scan', 'mouth and face', 'rotation of awareness', 'the body scan', 'scanning'],
  },
  {
    id: 'spine-rotation',
    names: [
      'spine',
      'the spine',
      'spinal',
      'vertebrae',
      'spine rotation',
      'spinal visualization',
      'backbone',
      'spine visualization',
      'vertebra by vertebra',
      'my back',
    ],
  },
  {
    id: 'spine-rotation-cervical',
    names: ['neck', 'cervical', 'neck vertebrae', 'cervical spine', 'my neck', 'the neck'],
  },
  {
    id: 'spine-rotation-thoracic',
    names: ['upper back', 'middle back', 'mid back', 'thoracic', 'ribs', 'chest vertebrae', 'thoracic spine', 'my upper back'],
  },
  {
    id: 'spine-rotation-lumbar',
    names: ['lower back', 'lumbar', 'low back', 'lumbar spine', 'my lower back', 'the lower back'],
  },
  {
    id: 'spine-rotation-column',
    names: ['whole spine', 'spinal column', 'whole column', 'pelvis', 'sacrum', 'tailbone', 'the whole spine', 'entire spine'],
  },
  {
    id: 'limbs',
    names: ['limbs', 'arms and legs', 'the body', 'fingers and toes', 'right side', 'left side', 'arms', 'legs', 'hands and feet'],
  },
  {
    id: 'spine-breath',
    names: [
      'breathing',
      'breath',
      'spine breath',
      'breath along the spine',
      'spinal breath',
      'energy',
      'light',
      'breathing along the spine',
      'spinal breathing',
    ],
  },
  {
    id: 'crown-breath',
    names: ['crown', 'crown breath', 'crown of the head', 'third eye', 'forehead', 'top of the head', 'crown breathing'],
  },
  {
    id: 'rest',
    names: ['rest', 'resting', 'stillness', 'silence', 'the silence', 'quiet'],
  },
  {
    id: 'closing-sankalpa',
    names: ['closing sankalpa', 'closing intention', 'sankalpa again', 'final sankalpa', 'intention again', 'final intention'],
  },
  {
    id: 'return',
    names: ['ending', 'the ending', 'the end', 'return', 'waking up', 'coming back', 'closing', 'end', 'wake up', 'finish'],
  },
];
