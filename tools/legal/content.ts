/**
 * What the privacy policy and the terms say. Each claim here follows what the code does:
 * lambda/store/types.ts (what is kept), lambda/skill/listener.ts (hashed keys),
 * lambda/skill/handlers/forget.ts (forget me, SKILL_DISABLED), lambda/clips (the personal clip),
 * serverless.yml (DynamoDB, S3, 30 days of logs). Change them together.
 */
import { NOT_MEDICAL_ADVICE, SKILL_NAME } from '../skill-package/publishing';

export interface Section {
  heading: string;
  /** Paragraphs; a paragraph given as a list becomes a bulleted list. */
  body: Array<string | string[]>;
}

export interface LegalPage {
  /** Path under the audio base URL (and in the bucket). */
  key: string;
  title: string;
  intro: string;
  sections: Section[];
}

export const EFFECTIVE_DATE = '3 December 2026';

export const PRIVACY: LegalPage = {
  key: 'legal/privacy.html',
  title: `${SKILL_NAME} privacy policy`,
  intro: `${SKILL_NAME} is an Alexa skill that plays a guided Yoga Nidra. This page says what it keeps about you, where, for how long, and how to erase it.`,
  sections: [
    {
      heading: 'What is kept',
      body: [
        'Only what the practice needs to carry on where you left off and to sound the way you asked:',
        [
          'your place in the practice (which part, how far into it, and when);',
          'your sankalpa, the short intention you speak, as text, and an audio clip of it spoken by a synthetic voice, so the practice can say it back to you;',
          'your preferences (gentle start, nature sounds, shorter practice, bedtime or daytime ending, longer rest);',
          'simple practice counts: how many practices you started and finished, when, and your streak of days;',
          'whether you were already offered a daily reminder, and your answer.',
        ],
        'Nothing else you say is kept. Alexa turns speech into text before the skill sees it; the skill keeps only the sankalpa words you ask it to keep.',
      ],
    },
    {
      heading: 'How you are identified',
      body: [
        'Alexa gives the skill an anonymous id for your Amazon account and, when Alexa recognises your voice, for you. The skill stores a one-way hash of these ids, never the ids themselves, and never your name, email address, location or contacts. It has no account linking.',
      ],
    },
    {
      heading: 'Where it is kept',
      body: [
        "In an Amazon DynamoDB table in the AWS account of the operator who runs this copy of the skill. The sankalpa clip is an audio file in that account's Amazon S3 bucket, served through Amazon CloudFront, named by a fingerprint of its words rather than by who said them. The words are sent to Amazon Polly in that account to make the clip.",
        'Operational logs (kept 30 days) record what happened and carry only a short prefix of the hashed id: never your sankalpa, your Amazon ids or your voice.',
      ],
    },
    {
      heading: 'How long it is kept',
      body: [
        'Until you erase it. Nothing expires on its own while you keep the skill enabled, so that a practice can resume after a break.',
        'The database keeps point-in-time backups for 35 days, so an erased record leaves the backups at most 35 days later.',
      ],
    },
    {
      heading: 'How to erase it',
      body: [
        [
          'Say "Alexa, open Spine Nidra", then "forget me", and confirm with "yes": your place, sankalpa, preferences and counts are erased at once. When Alexa recognises your voice, this erases what is kept for your voice; otherwise, what is kept for the account.',
          'Say "clear my sankalpa" to erase only the sankalpa.',
          'Disable the skill in the Alexa app: Alexa tells the skill, and everything it kept for your account, every recognised voice included, is erased.',
        ],
        'After erasing, only a bare marker with the hashed id stays for one day, so that a late message from your device cannot bring old progress back. A clip file is not tied to you once your record is erased; it is not deleted automatically.',
      ],
    },
    {
      heading: 'What is never done',
      body: [
        [
          'No advertising, and no data is used for advertising.',
          "Nothing is sold, rented or shared with anyone. The only services involved are Amazon's: Alexa, and the AWS services named above.",
          'No purchases, and the skill is not directed at children.',
        ],
      ],
    },
    { heading: 'Not medical advice', body: [NOT_MEDICAL_ADVICE] },
  ],
};

export const TERMS: LegalPage = {
  key: 'legal/terms.html',
  title: `${SKILL_NAME} terms of use`,
  intro: `By using ${SKILL_NAME} you accept these terms.`,
  sections: [
    {
      heading: 'What the skill is',
      body: [
        `${SKILL_NAME} plays a guided relaxation practice of about 30 minutes, with your attention resting on your spine. It is free, with no purchases and no advertising.`,
      ],
    },
    {
      heading: 'Your health',
      body: [
        NOT_MEDICAL_ADVICE,
        'Practise lying down or seated somewhere safe. Never listen while driving, operating machinery, or anywhere you need to stay alert: the practice is made to bring you close to sleep. Move gently, and stop any movement that hurts.',
      ],
    },
    {
      heading: 'Your sankalpa',
      body: [
        'The intention you set is yours. Keep it to a short, kind sentence about yourself. The skill keeps it only to say it back to you, as the privacy policy describes, and you can clear it at any time.',
      ],
    },
    {
      heading: 'No warranty',
      body: [
        'The skill is offered as it is. It may be changed, paused or withdrawn at any time. To the extent the law allows, the operator is not liable for any loss arising from its use.',
      ],
    },
    {
      heading: 'Privacy',
      body: [
        'What the skill keeps and how to erase it is described in the privacy policy, at the address shown beside these terms in the Alexa app.',
      ],
    },
  ],
};

export const LEGAL_PAGES: readonly LegalPage[] = [PRIVACY, TERMS];
