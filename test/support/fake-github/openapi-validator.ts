import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formatsModule from 'ajv-formats';

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  'x-multi-segment'?: boolean;
}
type ParameterRef = Parameter | { $ref: string };
interface Operation {
  parameters?: ParameterRef[];
  requestBody?: { required?: boolean; content: Record<string, unknown> };
}
interface Spec {
  paths: Record<string, Record<string, Operation> & { parameters?: ParameterRef[] }>;
  components: { parameters: Record<string, Parameter> };
}
interface Route {
  template: string;
  regex: RegExp;
  names: string[];
  literals: number;
  multi: number;
}

export interface Validation {
  /** The OpenAPI path template the request matched, when one did. */
  template?: string;
  params: Record<string, string>;
  problems: string[];
  /** What GitHub would answer when there are problems. */
  status: number;
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'];
const addFormats = formatsModule.default;
let loaded: { spec: Spec; routes: Route[]; body: Ajv; param: Ajv } | undefined;
const validators = new Map<string, ValidateFunction>();

/** Parses GitHub's OpenAPI description and builds the path matchers, once per process, on first use. */
function load() {
  if (loaded) return loaded;
  const file = createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json');
  const spec = JSON.parse(fs.readFileSync(file, 'utf8')) as Spec;
  fixNullable(spec);
  const ajv = (coerceTypes: boolean | 'array') => {
    const instance = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false, coerceTypes });
    addFormats(instance);
    instance.addSchema(spec as object, 'gh');
    return instance;
  };
  const routes = Object.keys(spec.paths).map((template) => compileRoute(spec, template));
  loaded = { spec, routes, body: ajv(false), param: ajv('array') };
  return loaded;
}

/** ajv refuses OpenAPI's `nullable` without `type`; say the same as `anyOf: [schema, null]`. */
function fixNullable(node: unknown): void {
  if (typeof node !== 'object' || node === null) return;
  const o = node as Record<string, unknown>;
  for (const value of Object.values(o)) fixNullable(value);
  if (o.nullable !== true || 'type' in o) return;
  const { nullable: _, ...inner } = o;
  for (const key of Object.keys(o)) delete o[key];
  o.anyOf = [inner, { type: 'null' }];
}

function compileRoute(spec: Spec, template: string): Route {
  const multiSegment = new Set(
    METHODS.flatMap((m) => spec.paths[template][m]?.parameters ?? [])
      .map((p) => resolveParam(spec, p))
      .filter((p) => p['x-multi-segment'])
      .map((p) => p.name),
  );
  const names: string[] = [];
  const source = template.replace(/\{([^}]+)\}|[^{]+/g, (part, name?: string) => {
    if (!name) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
    names.push(name);
    return multiSegment.has(name) ? '(.+?)' : '([^/]+)';
  });
  const segments = template.split('/');
  return {
    template,
    regex: new RegExp(`^${source}$`),
    names,
    literals: segments.filter((s) => !s.includes('{')).length,
    multi: multiSegment.size,
  };
}

function resolveParam(spec: Spec, p: ParameterRef): Parameter {
  return '$ref' in p ? spec.components.parameters[p.$ref.split('/').pop()!] : p;
}

/** A `$ref` into the loaded description, as ajv resolves it. */
function pointer(...segments: Array<string | number>): string {
  return `gh#/${segments.map((s) => encodeURIComponent(String(s).replace(/~/g, '~0').replace(/\//g, '~1'))).join('/')}`;
}

function validator(ajv: Ajv, ref: string, wrap: boolean): ValidateFunction {
  const key = `${wrap}:${ref}`;
  if (!validators.has(key))
    validators.set(key, ajv.compile(wrap ? { type: 'object', properties: { v: { $ref: ref } } } : { $ref: ref }));
  return validators.get(key)!;
}

function describe(errors: ErrorObject[] | null | undefined, root: string): string[] {
  return (errors ?? []).map((e) => {
    const where = `${root}${e.instancePath.replace(/^\/v(?=\/|$)/, '')}`;
    const extra =
      e.keyword === 'enum'
        ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})`
        : e.keyword === 'additionalProperties'
          ? ` ('${(e.params as { additionalProperty: string }).additionalProperty}')`
          : '';
    return `${where} ${e.message}${extra}`;
  });
}

interface SchemaNode {
  $ref?: string;
  properties?: Record<string, unknown>;
  additionalProperties?: unknown;
  oneOf?: unknown;
  anyOf?: unknown;
  allOf?: unknown;
}

/** GitHub silently ignores body fields it does not know; a misspelt field is a bug, so flag top-level ones. */
function unknownProperties(spec: Spec, schema: SchemaNode, body: unknown): string[] {
  const node = schema.$ref
    ? (spec.components as unknown as { schemas: Record<string, SchemaNode> }).schemas[schema.$ref.split('/').pop()!]
    : schema;
  if (!node?.properties || node.additionalProperties !== undefined || node.oneOf || node.anyOf || node.allOf) return [];
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return [];
  return Object.keys(body)
    .filter((key) => !(key in node.properties!))
    .map((key) => `body has unknown property '${key}'`);
}

/**
 * Checks a request against the operation GitHub's OpenAPI description defines for it. When several
 * templates match (`compare/{basehead}` and `compare/{base}...{head}`), one `preferred` wins.
 */
export function validateRequest(
  method: string,
  rawPath: string,
  query: Record<string, string>,
  body: unknown,
  preferred: (template: string) => boolean = () => false,
): Validation {
  const { spec, routes, body: bodyAjv, param: paramAjv } = load();
  const verb = method.toLowerCase();
  const matches = routes
    .map((route) => ({ route, m: route.regex.exec(rawPath) }))
    .filter((x) => x.m !== null)
    .sort((a, b) => b.route.literals - a.route.literals || a.route.multi - b.route.multi)
    .sort((a, b) => Number(preferred(b.route.template)) - Number(preferred(a.route.template)));
  if (matches.length === 0)
    return { params: {}, problems: [`no path in GitHub's OpenAPI description matches ${rawPath}`], status: 404 };
  const hit = matches.find((x) => spec.paths[x.route.template][verb]);
  if (!hit)
    return {
      template: matches[0].route.template,
      params: {},
      problems: [`${method} is not an operation of ${matches[0].route.template}`],
      status: 404,
    };
  const { template, names } = hit.route;
  const params = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(hit.m![i + 1])]));
  const operation = spec.paths[template][verb];
  const declared = [...(spec.paths[template].parameters ?? []), ...(operation.parameters ?? [])];
  const problems: string[] = [];
  let status = 400;
  const fail = (code: number, found: string[]) => {
    if (found.length > 0 && (problems.length === 0 || code > status)) status = code;
    problems.push(...found);
  };
  declared.forEach((raw, index) => {
    const p = resolveParam(spec, raw);
    if (p.in !== 'path' && p.in !== 'query') return;
    const value = p.in === 'path' ? params[p.name] : query[p.name];
    if (value === undefined) return fail(422, p.required ? [`required ${p.in} parameter '${p.name}' is missing`] : []);
    const shared = spec.paths[template].parameters?.length ?? 0;
    const ref =
      '$ref' in raw
        ? `gh${raw.$ref}/schema`
        : index < shared
          ? pointer('paths', template, 'parameters', index, 'schema')
          : pointer('paths', template, verb, 'parameters', index - shared, 'schema');
    const check = validator(paramAjv, ref, true);
    if (!check({ v: value }))
      fail(p.in === 'path' ? 404 : 422, describe(check.errors, `${p.in} parameter '${p.name}'`));
  });
  const known = new Set(
    declared
      .map((p) => resolveParam(spec, p))
      .filter((p) => p.in === 'query')
      .map((p) => p.name),
  );
  fail(
    400,
    Object.keys(query)
      .filter((q) => !known.has(q))
      .map((q) => `unknown query parameter '${q}'`),
  );
  const json = operation.requestBody?.content['application/json'];
  if (body === undefined) fail(422, operation.requestBody?.required ? ['request body is required'] : []);
  else if (!operation.requestBody) fail(422, ['this operation takes no request body']);
  else if (json) {
    const check = validator(
      bodyAjv,
      pointer('paths', template, verb, 'requestBody', 'content', 'application/json', 'schema'),
      false,
    );
    if (!check(body)) fail(422, describe(check.errors, 'body'));
    fail(422, unknownProperties(spec, (json as { schema: SchemaNode }).schema, body));
  }
  return { template, params, problems, status };
}

/** Checks a JSON response body against the schema GitHub documents for that operation and status. */
export function validateResponse(method: string, template: string, status: number, body: unknown): string[] {
  const { spec, body: ajv } = load();
  const response = spec.paths[template]?.[method.toLowerCase()] as
    { responses?: Record<string, { content?: Record<string, unknown> }> } | undefined;
  if (!response?.responses?.[status]?.content?.['application/json']) return [];
  const check = validator(
    ajv,
    pointer('paths', template, method.toLowerCase(), 'responses', status, 'content', 'application/json', 'schema'),
    false,
  );
  return check(body) ? [] : describe(check.errors, 'response');
}
