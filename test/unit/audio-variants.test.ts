/**
 * The delivered variants as the skill will see them: a manifest shaped exactly like the renderer's
 * for the real Spine Nidra model (file names from the real render keys, durations estimated), turned
 * into the skill's catalog. Which files each variant streams, and where "skip to" lands in them.
 */
import { contentVariants } from '../../models/variants';
import { buildCatalog, segmentFile, type ManifestLike } from '../../lambda/playback/catalog';
import { startOfTarget, timeLeftMs } from '../../lambda/playback/plan';
import { spineNidra } from '../../models/spine-nidra';
import { estimateSegmentSec } from '../../models/timing';
import { allSegments, deliveredVariants, standardSequence } from '../../models/variants';
import { DEFAULT_RENDER_SETTINGS, renderedFileName } from '../../tools/audio/render-key';

/** What `npm run audio` writes for the model, minus the measurements. */
function renderedLikeManifest(): ManifestLike & { variantFiles: Record<string, string[]> } {
  const variants = deliveredVariants(spineNidra);
  const segments = allSegments(spineNidra).flatMap((segment) =>
    (['none', 'forest'] as const).map((ambience) => ({
      segmentId: segment.id,
      file: renderedFileName(segment, DEFAULT_RENDER_SETTINGS, ambience),
      durationMs: Math.round(estimateSegmentSec(segment) * 1000),
    })),
  );
  const byId = new Map(allSegments(spineNidra).map((segment) => [segment.id, segment]));
  return {
    practiceId: spineNidra.id,
    segments,
    variants: Object.fromEntries(variants.map((variant) => [variant.id, variant.sequence])),
    variantFiles: Object.fromEntries(
      variants.map((variant) => [
        variant.id,
        variant.sequence.map((id) => renderedFileName(byId.get(id)!, DEFAULT_RENDER_SETTINGS, variant.ambience)),
      ]),
    ),
  };
}

describe('delivered variants in the skill catalog', () => {
  const manifest = renderedLikeManifest();
  const catalog = buildCatalog(spineNidra, manifest);
  const segment = (id: string) => allSegments(spineNidra).find((candidate) => candidate.id === id)!;

  it('carries every variant with its sequence, the standard one unchanged and the default', () => {
    expect(catalog.defaultVariant).toBe('standard');
    const content = contentVariants(spineNidra).map((v) => v.id);
    expect(Object.keys(catalog.variants)).toEqual([...content, ...content.map((id) => `${id}-plain`)]);
    expect(Object.keys(catalog.variants)).toHaveLength(32);
    expect(catalog.variants.standard).toEqual(standardSequence(spineNidra));
    expect(catalog.variants['gentle-bedtime-plain']).toEqual(catalog.variants['gentle-bedtime']);
    expect(catalog.variants.gentle).not.toContain('tension-release');
    expect(catalog.variants.bedtime[catalog.variants.bedtime.length - 1]).toBe('return-bedtime');
  });

  it('streams the forest files by default and the plain files in the plain variants', () => {
    expect(segmentFile(catalog, 'standard', 'arrival')).toBe(renderedFileName(segment('arrival'), DEFAULT_RENDER_SETTINGS, 'forest'));
    expect(segmentFile(catalog, 'standard-plain', 'arrival')).toBe(renderedFileName(segment('arrival'), DEFAULT_RENDER_SETTINGS, 'none'));
    expect(segmentFile(catalog, 'bedtime', 'return-bedtime')).toBe(renderedFileName(segment('return-bedtime'), DEFAULT_RENDER_SETTINGS, 'forest'));
    expect(segmentFile(catalog, 'bedtime-plain', 'return-bedtime')).toBe(
      renderedFileName(segment('return-bedtime'), DEFAULT_RENDER_SETTINGS, 'none'),
    );
    // Only the differences are compiled into the Lambda's catalog.
    expect(catalog.variantFiles?.standard).toBeUndefined();
    expect(Object.keys(catalog.variantFiles?.['standard-plain'] ?? {})).toHaveLength(15);
  });

  it('lands "skip to the return" on the bedtime ending in the bedtime variants', () => {
    expect(startOfTarget(catalog, 'bedtime', 'return')).toBe('return-bedtime');
    expect(startOfTarget(catalog, 'standard', 'return')).toBe('return');
    // The gentle start is a softening prelude: "the softening" is still the softening segment itself.
    expect(startOfTarget(catalog, 'gentle', 'softening')).toBe('softening');
    expect(catalog.segments['softening-gentle']).toMatchObject({ sectionId: 'softening', title: 'the gentle start' });
    expect(startOfTarget(catalog, 'gentle', 'tension-release')).toBeUndefined();
    expect(catalog.segments['return-bedtime']).toMatchObject({ sectionId: 'return', title: 'the bedtime ending', sectionTitle: 'the return' });
  });

  it('counts time left per variant', () => {
    const total = (variant: string) => timeLeftMs(catalog, variant, catalog.variants[variant][0], 0);
    expect(total('gentle')).toBeLessThan(total('standard'));
    expect(total('bedtime')).toBeGreaterThan(total('standard'));
    expect(total('standard-plain')).toBe(total('standard'));
  });

  it("refuses a variant that plays another segment's file or a file of another length", () => {
    const wrongFile = { ...manifest, variantFiles: { ...manifest.variantFiles, standard: [...manifest.variantFiles.standard].reverse() } };
    expect(() => buildCatalog(spineNidra, wrongFile)).toThrow(/variant standard plays \S+ for segment arrival, which is not its file/);
    const plainRest = manifest.variantFiles['standard-plain'][standardSequence(spineNidra).indexOf('rest')];
    const longer = {
      ...manifest,
      segments: manifest.segments.map((entry) => (entry.file === plainRest ? { ...entry, durationMs: entry.durationMs + 5000 } : entry)),
    };
    expect(() => buildCatalog(spineNidra, longer)).toThrow(/variant standard-plain: rest\.\S+ and rest\.\S+ differ in length/);
  });
});
