// Everything the page shows, written from plain data: no framework, no state of its own.
import { parseToken } from './token.js';

const $ = (id) => document.getElementById(id);

export function clock(ms) {
  const total = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** The variant and segment a token points at, read by the skill's own codec (served as token.js). */
export function tokenPlace(token) {
  const fields = parseToken(token);
  return fields && { variant: fields.variant, segmentId: fields.segmentId };
}

/** Plain text of an SSML or plain-text outputSpeech. */
export function speechText(outputSpeech) {
  if (!outputSpeech) return '';
  if (outputSpeech.type === 'PlainText') return outputSpeech.text ?? '';
  const doc = new DOMParser().parseFromString(`<x>${outputSpeech.ssml ?? ''}</x>`, 'text/html');
  return (doc.body.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function segmentOf(practice, segmentId) {
  // Personal sankalpa clips are not in the catalog; they belong to the segment they follow.
  return practice.segments[segmentId] ?? practice.segments[segmentId.replace(/-personal$/, '')];
}

function practiceLeftMs(practice, place, offsetMs) {
  const order = practice.variants[place.variant] ?? [];
  const part = place.segmentId.replace(/-personal$/, '');
  const index = order.indexOf(part);
  if (index < 0) return undefined;
  const rest = order.slice(index).reduce((sum, id) => sum + practice.segments[id].durationMs, 0);
  return rest - (part === place.segmentId ? offsetMs : practice.segments[part].durationMs);
}

export function showNowPlaying(device, practice) {
  const context = device.playerContext();
  const place = tokenPlace(context.token);
  const card = $('now-playing');
  card.dataset.segment = place?.segmentId ?? '';
  card.dataset.activity = context.playerActivity;
  $('activity').textContent = context.playerActivity;
  $('autoplay-hint').hidden = !device.blockedByAutoplay;
  const segment = place && segmentOf(practice, place.segmentId);
  const personal = place?.segmentId.endsWith('-personal');
  const sleepSounds = place?.segmentId.startsWith('sleep-sounds');
  $('now-title').textContent = sleepSounds ? 'Sleep sounds' : segment ? (personal ? 'Your sankalpa' : capitalize(segment.title)) : 'Nothing yet';
  // The cover art an Echo Show would show for this item (its Play metadata).
  const art = device.current?.art ? device.localUrl(device.current.art) : '';
  if (!art) $('now-art').removeAttribute('src');
  else if ($('now-art').getAttribute('src') !== art) $('now-art').setAttribute('src', art);
  $('now-art').hidden = !art;
  const duration = device.audio.duration;
  const offset = context.offsetInMilliseconds ?? 0;
  $('now-detail').textContent = segment
    ? `${segment.sectionTitle} · ${place.segmentId} · ${clock(offset)}${Number.isFinite(duration) ? ` of ${clock(duration * 1000)}` : ''}`
    : '';
  $('progress-bar').style.width = Number.isFinite(duration) && duration > 0 ? `${Math.min(100, offset / 10 / duration)}%` : '0%';
  const left = place && practiceLeftMs(practice, place, offset);
  $('time-left').textContent = left === undefined ? '' : `${clock(left)} left in the practice`;
  $('queue-count').textContent = String(device.queue.length);
  $('queue').replaceChildren(...device.queue.map((item) => element('li', {}, tokenPlace(item.token)?.segmentId ?? item.token)));
}

export function showUnderstood(text) {
  $('understood').textContent = text;
}

export function showSpeech(text) {
  $('speech').textContent = text || '…';
}

export function showStored(listener) {
  $('stored').textContent = listener ? JSON.stringify(listener, null, 2) : '(nothing stored yet)';
}

/** The practice funnel from the metric lines the skill wrote (the same EMF lines the Lambda writes). */
export function showMetrics({ totals, funnel }) {
  const count = (name) => totals[name] ?? 0;
  const most = Math.max(1, ...funnel.map((row) => row.stops));
  $('metrics').textContent = [
    `started ${count('PracticeStarted')} · completed ${count('PracticeCompleted')} · resumed ${count('PracticeResumed')}`,
    `sankalpas set ${count('SankalpaSet')} · skips ${count('Skip')}`,
    '',
    'stopped in:',
    ...funnel.map((row) => `  ${row.section.padEnd(18)} ${String(row.stops).padStart(3)} ${'#'.repeat(Math.round((20 * row.stops) / most))}`),
  ].join('\n');
}

export function showIdentity({ userId, skillId, audioBaseUrl }) {
  $('user-id').textContent = userId;
  $('skill-id').textContent = skillId;
  $('audio-base').textContent = audioBaseUrl;
}

export function addFlags(label, messages) {
  if (!messages.length) return;
  const list = $('flags');
  list.querySelector('.none')?.remove();
  for (const message of messages) list.prepend(element('li', {}, element('strong', {}, label), ` ${message}`));
  const count = list.children.length;
  $('flag-count').textContent = String(count);
  $('flags-card').dataset.count = String(count);
}

export function addExchange(exchange, flags) {
  const { label, request, response, elapsedMs, error } = exchange;
  const entry = element(
    'li',
    { class: flags.length || error ? 'flagged' : '' },
    element(
      'div',
      { class: 'exchange-head' },
      element('span', { class: 'who' }, label),
      element('span', { class: 'time' }, `${elapsedMs ?? '?'} ms`),
    ),
    element('div', { class: 'exchange-summary' }, error ? `Failed: ${error}` : answerSummary(response)),
    ...flags.map((flag) => element('div', { class: 'flag' }, `⚠ ${flag}`)),
    details('request', request),
    response ? details('response', response) : '',
  );
  $('log').prepend(entry);
}

/** One line about what the skill answered: directives, speech and what happens to the session. */
export function answerSummary(envelope) {
  const response = envelope?.response ?? {};
  const parts = (response.directives ?? []).map((directive) => {
    if (directive.type === 'AudioPlayer.Play') {
      const stream = directive.audioItem?.stream ?? {};
      return `Play ${directive.playBehavior} ${tokenPlace(stream.token)?.segmentId ?? '?'} from ${clock(stream.offsetInMilliseconds ?? 0)}`;
    }
    if (directive.type === 'AudioPlayer.ClearQueue') return `ClearQueue ${directive.clearBehavior}`;
    return directive.type.replace(/^AudioPlayer\./, '');
  });
  const speech = speechText(response.outputSpeech);
  if (speech) parts.push(`says “${speech}”`);
  if (response.reprompt) parts.push('listens for an answer');
  return parts.join(' · ') || 'nothing to do';
}

export function requestLabel(request) {
  const body = request.request;
  if (body.type === 'IntentRequest') {
    const slots = Object.values(body.intent.slots ?? {})
      .filter((slot) => slot.value !== undefined)
      .map((slot) => `${slot.name}=“${slot.value}”`);
    return `IntentRequest ${body.intent.name}${slots.length ? ` ${slots.join(' ')}` : ''}`;
  }
  if (body.type.startsWith('AudioPlayer.')) {
    return `${body.type} ${tokenPlace(body.token)?.segmentId ?? ''} @ ${clock(body.offsetInMilliseconds ?? 0)}`;
  }
  return body.type;
}

function details(title, value) {
  return element('details', {}, element('summary', {}, title), element('pre', {}, JSON.stringify(value, null, 2)));
}

function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) if (value) node.setAttribute(name, value);
  node.append(...children.filter((child) => child !== ''));
  return node;
}

function capitalize(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
