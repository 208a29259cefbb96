/** The test catalog lives in the test kit (bench uses it too); tests import it from here as before. */
export { AUDIO_BASE_URL, estimatedManifest, testCatalog } from '../../testkit/catalog';
