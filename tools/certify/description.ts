/**
 * "The description names only features that exist": each feature a store text may mention, the
 * words that mention it, and what the package must hold for it to be true; words for things the
 * skill does not do at all; and every quoted phrase ("skip to the lower back") must be one the
 * model hears, since a listener will say exactly that.
 */
import type { CheckResult } from './checks';
import { findSample } from './phrases';
import type { SkillPackage } from './skill-package-files';

interface Feature {
  feature: string;
  mentioned: RegExp;
  /** Intents every locale's model must declare. */
  intents?: string[];
  interface?: string;
  permission?: string;
}

export const FEATURES: readonly Feature[] = [
  { feature: 'resuming', mentioned: /\bresume|where you (left off|were|stopped)/i, intents: ['AMAZON.ResumeIntent', 'AMAZON.PauseIntent'] },
  { feature: 'the sankalpa by voice', mentioned: /\bset (your|my) sankalpa|your own sankalpa|sankalpa by voice/i, intents: ['SetSankalpaIntent'] },
  { feature: 'sankalpa ideas', mentioned: /sankalpa ideas|ideas for/i, intents: ['SankalpaIdeasIntent', 'PickIdeaIntent'] },
  { feature: 'time left', mentioned: /time is left|time left|how long/i, intents: ['TimeLeftIntent'] },
  { feature: 'skipping to a part', mentioned: /skip to|go to the|jump to/i, intents: ['SkipToSectionIntent'] },
  {
    feature: 'a shorter practice',
    mentioned: /shorter practice|short practice|make it shorter/i,
    intents: ['ShortPracticeIntent', 'FullPracticeIntent'],
  },
  { feature: 'a gentle start', mentioned: /gentle start|start gently|without the tensing/i, intents: ['GentleStartIntent', 'TensionReleaseIntent'] },
  { feature: 'nature sounds on and off', mentioned: /nature sounds/i, intents: ['NatureSoundsOffIntent', 'NatureSoundsOnIntent'] },
  {
    feature: 'the bedtime ending',
    mentioned: /bedtime ending|fall asleep at the end|drift (off )?to sleep/i,
    intents: ['BedtimeEndingIntent', 'DaytimeEndingIntent'],
  },
  { feature: 'a longer rest', mentioned: /rest longer|longer rest/i, intents: ['RestLongerIntent', 'UsualRestIntent'] },
  { feature: 'settings read back', mentioned: /(your|my) settings/i, intents: ['SettingsIntent'] },
  { feature: 'practice stats', mentioned: /streak|how many times you/i, intents: ['PracticeStatsIntent'] },
  { feature: 'forget me', mentioned: /forget me|erase (everything|your data)/i, intents: ['ForgetMeIntent'] },
  { feature: 'a screen on Echo Show', mentioned: /echo show|screen/i, interface: 'ALEXA_PRESENTATION_APL' },
  { feature: 'a daily reminder', mentioned: /reminder/i, permission: 'alexa::alerts:reminders:skill:readwrite' },
];

/** Things Spine Nidra does not offer; a store text naming them would promise too much. */
export const NOT_OFFERED: readonly RegExp[] = [
  /\bmusic\b/i,
  /\bplaylists?\b/i,
  /\bsleep timer\b/i,
  /\balarms?\b/i,
  /\bsubscriptions?\b|\bpremium\b|\bpurchases?\b/i,
  /\baccount linking\b/i,
  /\b(cures?|heals?|treats?) (your )?(back|pain|spine)/i,
  /\bhundreds of\b|\blibrary of\b/i,
];

export function checkDescription(pkg: SkillPackage): CheckResult {
  const problems: string[] = [];
  const { manifest } = pkg.skill;
  const interfaces = new Set((manifest.apis?.custom?.interfaces ?? []).map((i) => i.type));
  const permissions = new Set((manifest.permissions ?? []).map((p) => p.name));
  const named = new Set<string>();
  for (const [locale, info] of Object.entries(manifest.publishingInformation?.locales ?? {})) {
    const text = `${info.summary ?? ''}\n${info.description ?? ''}`;
    const model = pkg.models[locale];
    const declared = new Set((model?.intents ?? []).map((intent) => intent.name));
    for (const feature of FEATURES) {
      if (!feature.mentioned.test(text)) continue;
      named.add(feature.feature);
      const missing = [
        ...(feature.intents ?? []).filter((name) => !declared.has(name)),
        ...(feature.interface && !interfaces.has(feature.interface) ? [`the ${feature.interface} interface`] : []),
        ...(feature.permission && !permissions.has(feature.permission) ? [`the ${feature.permission} permission`] : []),
      ];
      if (missing.length) problems.push(`${locale}: the description mentions ${feature.feature}, but the package lacks ${missing.join(', ')}`);
    }
    for (const pattern of NOT_OFFERED) {
      const found = pattern.exec(text);
      if (found) problems.push(`${locale}: the description mentions "${found[0]}", which Spine Nidra does not offer`);
    }
    for (const [, quoted] of text.matchAll(/"([^"]+)"/g)) {
      if (model && !findSample(model, quoted)) problems.push(`${locale}: the description quotes "${quoted}", which no sample utterance hears`);
    }
  }
  return { name: 'description', problems, summary: `the store text names ${named.size} features, each present: ${[...named].join(', ')}` };
}
