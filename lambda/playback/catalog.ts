/** The catalog is a contract the build (tools/build.ts) and the runtime share: it lives in models/catalog.ts. */
export * from '../../models/catalog';
