/**
 * What a screen shows (Echo Show, Echo Spot, Fire TV). Every Play carries cover art and a
 * background in its metadata, which is what the device's own player displays while audio plays.
 * A spoken request that starts or moves playback on a device with APL also gets a simple
 * document (where we are, and how far through), added by a response interceptor so no handler
 * has to know about screens. AudioPlayer and PlaybackController answers may hold only AudioPlayer
 * directives, so they never get one.
 */
import type { HandlerInput, ResponseInterceptor } from 'ask-sdk-core';
import type { interfaces, Response } from 'ask-sdk-model';
import type { CatalogImage } from '../playback/catalog';
import { segmentImages, type ImageRegion } from '../playback/images';
import { isPersonalClip, isPlayable, segmentInfo, timeLeftMs, variantOrder } from '../playback/plan';
import { decodeToken } from '../playback/token';
import type { SkillDeps } from './deps';

export const APL_INTERFACE = 'Alexa.Presentation.APL';
export const APL_TOKEN = 'spine-nidra-screen';

const ART_DESCRIPTION: Readonly<Record<ImageRegion, string>> = {
  none: 'The spine at rest',
  cervical: 'The spine, with the neck vertebrae lit',
  thoracic: 'The spine, with the upper and middle back lit',
  lumbar: 'The spine, with the lower back lit',
  column: 'The whole spine, lit',
};

type ImageMetadata = Pick<interfaces.audioplayer.AudioItemMetadata, 'art' | 'backgroundImage'>;

function source(deps: SkillDeps, image: CatalogImage): interfaces.display.ImageInstance {
  return { url: `${deps.audioBaseUrl}/${image.file}`, widthPixels: image.widthPixels, heightPixels: image.heightPixels };
}

/** Art and background for a Play of this segment; nothing when the catalog has no pictures. */
export function playImages(deps: SkillDeps, segmentId: string): ImageMetadata {
  const images = segmentImages(deps.catalog, segmentId);
  if (!images) return {};
  return {
    art: { contentDescription: ART_DESCRIPTION[images.region], sources: [source(deps, images.art)] },
    backgroundImage: { contentDescription: ART_DESCRIPTION[images.region], sources: [source(deps, images.background)] },
  };
}

export function supportsApl(input: HandlerInput): boolean {
  const supported = input.requestEnvelope.context?.System?.device?.supportedInterfaces as Record<string, unknown> | undefined;
  return !!supported?.[APL_INTERFACE];
}

export interface ScreenData {
  section: string;
  /** Empty when the part is the whole section. */
  part: string;
  art: string;
  /** Whole percent of the practice played before this point. */
  percent: number;
  left: string;
}

/** What the document shows for a Play: the place, its picture, and how far through the practice it is. */
export function screenData(deps: SkillDeps, variant: string, segmentId: string, offsetMs: number): ScreenData | undefined {
  const info = segmentInfo(deps.catalog, segmentId);
  if (!info) return undefined;
  const totalMs = variantOrder(deps.catalog, variant).reduce((sum, id) => sum + deps.catalog.segments[id].durationMs, 0);
  const leftMs = timeLeftMs(deps.catalog, variant, segmentId, offsetMs);
  const percent = totalMs > 0 ? Math.min(100, Math.max(0, Math.round((100 * (totalMs - leftMs)) / totalMs))) : 0;
  const section = capitalize(info.sectionTitle);
  const part = isPersonalClip(segmentId) ? 'Your sankalpa' : capitalize(info.title);
  const minutes = Math.max(1, Math.round(leftMs / 60_000));
  return {
    section,
    part: part.toLowerCase() === section.toLowerCase() ? '' : part,
    art: playImages(deps, segmentId).art?.sources?.[0]?.url ?? '',
    percent,
    left: leftMs > 0 ? `About ${minutes} minute${minutes === 1 ? '' : 's'} left` : '',
  };
}

/**
 * One static document, filled from datasources. A device rejects the whole response, playback
 * included, when a document is invalid, so it stays small and uses only long-standing components.
 */
export const SCREEN_DOCUMENT = {
  type: 'APL',
  version: '2023.3',
  theme: 'dark',
  mainTemplate: {
    parameters: ['payload'],
    items: [
      {
        type: 'Frame',
        width: '100vw',
        height: '100vh',
        backgroundColor: '#060E1C',
        item: {
          type: 'Container',
          width: '100vw',
          height: '100vh',
          justifyContent: 'center',
          alignItems: 'center',
          items: [
            { type: 'Image', when: "${payload.data.art != ''}", source: '${payload.data.art}', width: '45vh', height: '45vh', scale: 'best-fit' },
            { type: 'Text', text: '${payload.data.section}', fontSize: '32dp', color: '#EEF6FF', textAlign: 'center', marginTop: '12dp' },
            {
              type: 'Text',
              when: "${payload.data.part != ''}",
              text: '${payload.data.part}',
              fontSize: '22dp',
              color: '#9CB4DA',
              textAlign: 'center',
            },
            {
              type: 'Frame',
              width: '60vw',
              height: '8dp',
              marginTop: '20dp',
              borderRadius: '4dp',
              backgroundColor: '#FFFFFF26',
              item: { type: 'Frame', width: '${payload.data.percent}%', height: '100%', borderRadius: '4dp', backgroundColor: '#9CC8FF' },
            },
            { type: 'Text', text: '${payload.data.left}', fontSize: '18dp', color: '#9CB4DA', textAlign: 'center', marginTop: '8dp' },
          ],
        },
      },
    ],
  },
} as const;

export function renderDocumentFor(data: ScreenData): interfaces.alexa.presentation.apl.RenderDocumentDirective {
  return { type: 'Alexa.Presentation.APL.RenderDocument', token: APL_TOKEN, document: SCREEN_DOCUMENT, datasources: { data } };
}

type PlayDirective = interfaces.audioplayer.PlayDirective;

/** Adds the document to Launch and intent answers that start or move playback on a screen. */
export function screenInterceptor(deps: SkillDeps): ResponseInterceptor {
  return {
    process(input: HandlerInput, response?: Response): void {
      const type = input.requestEnvelope.request.type;
      if (!response || (type !== 'LaunchRequest' && type !== 'IntentRequest') || !supportsApl(input)) return;
      try {
        const play = response.directives?.find(
          (d): d is PlayDirective => d.type === 'AudioPlayer.Play' && (d as PlayDirective).playBehavior === 'REPLACE_ALL',
        );
        const stream = play?.audioItem?.stream;
        const state = decodeToken(deps.catalog, stream?.token, (variant, segmentId) => isPlayable(deps.catalog, variant, segmentId));
        if (!stream || !state) return;
        const data = screenData(deps, state.variant, state.segmentId, stream.offsetInMilliseconds ?? 0);
        if (data) response.directives?.push(renderDocumentFor(data));
      } catch (error) {
        // The picture is decoration: losing it must never cost the listener the audio it came with.
        deps.log.warn('screen document skipped', { error: error instanceof Error ? error.name : 'unknown' });
      }
    },
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
