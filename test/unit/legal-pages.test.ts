/** The privacy policy and terms: one template, every topic the certification checklist and issue 17 ask for. */
import { legalUrls, renderLegalPage, renderLegalPages, PRIVACY, TERMS } from '../../tools/legal/pages';

const text = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');

describe('the legal pages', () => {
  const [privacy, terms] = renderLegalPages();

  it('are two standalone HTML pages from the same template, linking each other, with no scripts or outside resources', () => {
    expect([privacy.key, terms.key]).toEqual(['legal/privacy.html', 'legal/terms.html']);
    for (const page of [privacy, terms]) {
      expect(page.html).toMatch(/^<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">/);
      expect(page.html).not.toMatch(/<script|<link|<img|src=|http:\/\//i);
    }
    expect(privacy.html).toContain('<a href="terms.html">Spine Nidra terms of use</a>');
    expect(terms.html).toContain('<a href="privacy.html">Spine Nidra privacy policy</a>');
  });

  it.each([
    ['what is stored', /place in the practice.*sankalpa.*preferences.*practice counts/],
    ['keyed by hashed ids', /one-way hash of these ids/],
    ['where', /DynamoDB table in the AWS account of the operator/],
    ['for how long', /Until you erase it.*35 days/],
    ['how to erase it', /"forget me".*Disable the skill in the Alexa app/],
    ['no ads, no sale', /No advertising.*Nothing is sold/],
    ['the medical disclaimer', /not medical advice, diagnosis or treatment/],
  ])('the privacy policy says %s', (_topic, expected) => {
    expect(text(privacy.html)).toMatch(expected);
  });

  it('the terms carry the medical disclaimer and a safety warning', () => {
    expect(text(terms.html)).toMatch(/not medical advice.*Never listen while driving/);
  });

  it('shows the operator contact when given, escaped', () => {
    expect(renderLegalPage(PRIVACY, { contact: 'care <at> spine-nidra.test' })).toContain('<p>Questions: care &lt;at&gt; spine-nidra.test</p>');
    expect(renderLegalPage(TERMS)).not.toContain('Questions:');
  });

  it('live under the audio base', () => {
    expect(legalUrls('https://d1.cloudfront.net/')).toEqual({
      privacyPolicyUrl: 'https://d1.cloudfront.net/legal/privacy.html',
      termsOfUseUrl: 'https://d1.cloudfront.net/legal/terms.html',
    });
  });
});
