/**
 * Offline validation against the SMAPI model that ships with ask-smapi-model (spec.json, a
 * Swagger 2.0 document). Its `definitions` are almost JSON Schema draft-07; the differences are
 * handled here:
 *  - `x-*` extensions and Swagger's string-valued `discriminator` are dropped;
 *  - each polymorphic base (e.g. v1.skill.Manifest.Interface, discriminated by `type`) becomes
 *    "the base's own properties, plus `type` must be one of the subtypes' `x-discriminator-value`s,
 *    plus if/then into the matching subtype"; subtypes point at a copy of the plain base so the
 *    dispatch cannot recurse;
 *  - formats other than `uri` are ignored (`uri` is checked loosely: a scheme, a colon, no spaces);
 *  - objects are closed (additionalProperties: false) unless they take part in allOf composition
 *    or already say what extra properties may hold, because SMAPI rejects unknown properties
 *    ("object instance has properties which are not allowed by the schema") and a typo should fail
 *    here rather than at deploy.
 */
import { readFileSync } from 'node:fs';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';

export const MANIFEST_DEFINITION = 'v1.skill.Manifest.SkillManifestEnvelope';
export const INTERACTION_MODEL_DEFINITION = 'v1.skill.interactionModel.InteractionModelData';

type Schema = { [key: string]: unknown };

const REF = '#/definitions/';
const BASE_SUFFIX = '.__base';
const KEPT_FORMATS = new Set(['uri']);

const isObject = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Drops Swagger-only keywords; `properties` maps are walked by value so property names survive. */
function clean(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(clean);
  if (!isObject(node)) return node;
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-') || key === 'discriminator') continue;
    if (key === 'format' && !KEPT_FORMATS.has(String(value))) continue;
    if (key === 'properties' && isObject(value)) {
      out.properties = Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, clean(schema)]));
    } else {
      out[key] = clean(value);
    }
  }
  return out;
}

function refName(value: unknown): string | undefined {
  return isObject(value) && typeof value.$ref === 'string' && value.$ref.startsWith(REF) ? value.$ref.slice(REF.length) : undefined;
}

/** additionalProperties: false on every object with listed properties that is not an allOf part. */
function close(node: unknown, composed: boolean): void {
  if (Array.isArray(node)) {
    for (const item of node) close(item, false);
    return;
  }
  if (!isObject(node)) return;
  if (isObject(node.properties) && !('additionalProperties' in node) && !('allOf' in node) && !composed) {
    node.additionalProperties = false;
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'allOf' && Array.isArray(value)) value.forEach((part) => close(part, true));
    else if (key === 'properties' && isObject(value)) Object.values(value).forEach((schema) => close(schema, false));
    // An `if` is a condition, not a shape: closed, it would fail for any object with more than the discriminator.
    else if (key !== 'enum' && key !== 'required' && key !== 'if') close(value, false);
  }
}

/** The spec's definitions rewritten as draft-07 JSON Schema definitions (see the file comment). */
export function convertSmapiDefinitions(spec: { definitions: Record<string, Schema> }): Record<string, Schema> {
  const raw = spec.definitions;
  const defs: Record<string, Schema> = {};
  for (const [name, schema] of Object.entries(raw)) defs[name] = clean(schema) as Schema;

  const composedParts = new Set<string>();
  for (const [name, schema] of Object.entries(raw)) {
    const discriminator = schema.discriminator;
    if (typeof discriminator !== 'string') continue;
    const subtypes = Object.entries(raw).filter(
      ([, sub]) => Array.isArray(sub.allOf) && sub.allOf.some((part) => refName(part) === name) && typeof sub['x-discriminator-value'] === 'string',
    );
    if (subtypes.length === 0) continue;
    const base = `${name}${BASE_SUFFIX}`;
    defs[base] = defs[name];
    composedParts.add(base);
    for (const [subName] of subtypes) {
      defs[subName] = {
        ...defs[subName],
        allOf: (defs[subName].allOf as unknown[]).map((part) => (refName(part) === name ? { $ref: `${REF}${base}` } : part)),
      };
    }
    // Values the spec lists in the base's own enum (e.g. v1.skill.Manifest.InterfaceType) without a
    // subtype of their own, like CAN_FULFILL_INTENT_REQUEST, are valid with the base's properties alone.
    const listed = (raw[`${name}Type`]?.enum as unknown[] | undefined)?.map(String) ?? [];
    const values = [...new Set([...subtypes.map(([, sub]) => String(sub['x-discriminator-value'])), ...listed])];
    defs[name] = {
      allOf: [
        { $ref: `${REF}${base}` },
        { required: [discriminator], properties: { [discriminator]: { enum: values } } },
        ...subtypes.map(([subName, sub]) => ({
          if: { properties: { [discriminator]: { const: sub['x-discriminator-value'] } } },
          then: { $ref: `${REF}${subName}` },
        })),
      ],
    };
  }
  // Anything any allOf points at is extended elsewhere, so it stays open.
  for (const schema of Object.values(defs)) {
    JSON.stringify(schema, (key, value) => {
      if (key === 'allOf' && Array.isArray(value)) value.forEach((part) => refName(part) && composedParts.add(refName(part) as string));
      return value;
    });
  }
  for (const [name, schema] of Object.entries(defs)) close(schema, composedParts.has(name));
  return defs;
}

export function loadSmapiSpec(): { definitions: Record<string, Schema> } {
  return JSON.parse(readFileSync(require.resolve('ask-smapi-model/spec.json'), 'utf8'));
}

export type SmapiValidator = (definition: string, data: unknown) => { valid: boolean; errors: string[] };

/** A validator for any definition of the spec, compiled lazily and cached. */
export function createSmapiValidator(spec = loadSmapiSpec()): SmapiValidator {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:[^\s]+$/i);
  ajv.addSchema({ $id: 'smapi', definitions: convertSmapiDefinitions(spec) });
  const compiled = new Map<string, ValidateFunction>();
  return (definition, data) => {
    let validate = compiled.get(definition);
    if (!validate) {
      validate = ajv.compile({ $ref: `smapi${REF}${definition}` });
      compiled.set(definition, validate);
    }
    const valid = validate(data) as boolean;
    const errors = (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
    return { valid, errors };
  };
}
