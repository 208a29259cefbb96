/** What counts as a sankalpa, and which ideas to offer. Pure. */

export const MAX_SANKALPA_CHARS = 120;
export const MAX_SANKALPA_WORDS = 20;

export type SankalpaCheck = { ok: true; text: string } | { ok: false; problem: 'empty' | 'too-long' | 'wake-word' | 'not-an-intention' };

/** The words an Echo can be set to wake on. Spoken into the room by the practice, any could wake one. */
export const WAKE_WORDS = ['alexa', 'amazon', 'echo', 'computer', 'ziggy'] as const;
const WAKE_WORD = new RegExp(`\\b(${WAKE_WORDS.join('|')})\\b`, 'i');

/** Whole words, any case: "Alexa", "ECHO", "the echo's"; not "echoes" or "computerised". */
export function hasWakeWord(text: string): boolean {
  return WAKE_WORD.test(text);
}

/** Words that are commands or chatter, not intentions, when said on their own. */
const NOT_INTENTIONS = new Set([
  'yes',
  'no',
  'yeah',
  'nope',
  'stop',
  'cancel',
  'pause',
  'resume',
  'help',
  'next',
  'previous',
  'nothing',
  "i don't know",
  'i dont know',
  'never mind',
  'nevermind',
  'skip',
  'repeat',
  'what',
  'um',
  'uh',
  'hmm',
  'okay',
  'ok',
]);
const QUESTION_START = /^(what|why|how|when|where|who|which|is|are|can|could|should|do|does)\b/;

/** Tidies what Alexa heard: single spaces, no surrounding punctuation, a capital first letter. */
export function tidySankalpa(raw: string): string {
  const text = raw
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this removes.
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[\s.,;:!?"'-]+|[\s.,;:!?"'-]+$/g, '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function checkSankalpa(raw: string | undefined): SankalpaCheck {
  const text = tidySankalpa(raw ?? '');
  if (!/[a-z]/i.test(text)) return { ok: false, problem: 'empty' };
  if (text.length > MAX_SANKALPA_CHARS || text.split(' ').length > MAX_SANKALPA_WORDS) {
    return { ok: false, problem: 'too-long' };
  }
  if (hasWakeWord(text)) return { ok: false, problem: 'wake-word' };
  const lower = text.toLowerCase();
  if (NOT_INTENTIONS.has(lower) || QUESTION_START.test(lower) || /\?|https?:|www\.|@/.test(raw ?? '')) {
    return { ok: false, problem: 'not-an-intention' };
  }
  return { ok: true, text };
}

/** Three ideas spread across the list (which mixes body and spine ideas with others), varying by seed. */
export function pickIdeas(ideas: readonly string[], seed: number): string[] {
  if (ideas.length <= 3) return [...ideas];
  const stride = Math.floor(ideas.length / 3);
  const start = Math.abs(Math.floor(seed)) % ideas.length;
  return [0, 1, 2].map((step) => ideas[(start + step * stride) % ideas.length]);
}
