/** The regions of the spine a picture can light: a contract between the image renderer (tools/images) and the runtime (lambda/playback/images.ts). */
export const IMAGE_REGIONS = ['none', 'cervical', 'thoracic', 'lumbar', 'column'] as const;
export type ImageRegion = (typeof IMAGE_REGIONS)[number];
