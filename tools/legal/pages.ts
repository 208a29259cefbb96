/**
 * The privacy policy and the terms of use as HTML, both from one template: a plain, readable page
 * with no scripts, no fonts and no tracking, small enough to load anywhere. `npm run deploy:audio`
 * uploads them beside the audio; `npm start` serves them; deploy:endpoint links them from skill.json.
 */
import { escapeSsml as escapeHtml } from '../../lambda/core/speech';
import { EFFECTIVE_DATE, LEGAL_PAGES, PRIVACY, TERMS, type LegalPage, type Section } from './content';

export const HTML_CONTENT_TYPE = 'text/html; charset=utf-8';
export { LEGAL_PAGES, PRIVACY, TERMS };

export interface RenderedPage {
  key: string;
  html: string;
}

export interface LegalOptions {
  /** How to reach the operator (an email address or a web page); shown on both pages when given. */
  contact?: string;
}

const STYLE = [
  'body{font:17px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:42rem;margin:2rem auto;padding:0 1.2rem;color:#1b2433;background:#fbfcfe}',
  'h1{font-size:1.6rem;color:#14305a}h2{font-size:1.15rem;margin-top:2rem;color:#14305a}',
  'footer{margin-top:3rem;font-size:.9rem;color:#5a6678}a{color:#1f5fbf}',
].join('');

function section({ heading, body }: Section): string {
  const paragraphs = body.map((part) =>
    Array.isArray(part) ? `<ul>${part.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>` : `<p>${escapeHtml(part)}</p>`,
  );
  return `<h2>${escapeHtml(heading)}</h2>\n${paragraphs.join('\n')}`;
}

export function renderLegalPage(page: LegalPage, options: LegalOptions = {}): string {
  const other = page.key === PRIVACY.key ? TERMS : PRIVACY;
  const contact = options.contact ? `<p>Questions: ${escapeHtml(options.contact)}</p>` : '';
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(page.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(page.title)}</h1>`,
    `<p>${escapeHtml(page.intro)}</p>`,
    ...page.sections.map(section),
    '<footer>',
    `<p>In effect from ${escapeHtml(EFFECTIVE_DATE)}. See also the <a href="${other.key.split('/').pop()}">${escapeHtml(other.title)}</a>.</p>`,
    contact,
    '</footer>',
    '</body>',
    '</html>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n')
    .concat('\n');
}

export function renderLegalPages(options: LegalOptions = {}): RenderedPage[] {
  return LEGAL_PAGES.map((page) => ({ key: page.key, html: renderLegalPage(page, options) }));
}

/** The pages' public URLs under the audio base (the stack's AudioBaseUrl). */
export function legalUrls(audioBaseUrl: string): { privacyPolicyUrl: string; termsOfUseUrl: string } {
  const base = audioBaseUrl.replace(/\/+$/, '');
  return { privacyPolicyUrl: `${base}/${PRIVACY.key}`, termsOfUseUrl: `${base}/${TERMS.key}` };
}
