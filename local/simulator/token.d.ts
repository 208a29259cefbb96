// The page's /simulator/page/token.js is the skill's own token codec, bundled for the browser at
// request time (simulator-routes.ts); this gives the type check the same module.
export { parseToken } from '../../lambda/playback/token';
