import { applyDecorators } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { ApiResponseSchemaHost } from '@nestjs/swagger';

/** An OpenAPI 3 schema object, as @nestjs/swagger types it. */
export type SchemaObject = ApiResponseSchemaHost['schema'];

type Decorator = ReturnType<typeof applyDecorators>;

/** JSON schema fragments for the admin API's documents (MAS admin/schema.rs). */
export const ULID: SchemaObject = {
  type: 'string',
  pattern: '^[0123456789ABCDEFGHJKMNPQRSTVWXYZ]{26}$',
  description: 'A ULID as per https://github.com/ulid/spec',
  example: '01040G2081040G2081040G2081',
};
export const DATE_TIME: SchemaObject = { type: 'string', format: 'date-time' };
export const nullable = (s: SchemaObject): SchemaObject => ({ oneOf: [s, { type: 'null' }] });
export const STRING: SchemaObject = { type: 'string' };
export const BOOL: SchemaObject = { type: 'boolean' };

/** An object schema whose every listed property is required. */
export function object(
  properties: Record<string, SchemaObject>,
  optional: string[] = [],
): SchemaObject {
  return {
    type: 'object',
    properties,
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
  };
}

const SELF_LINKS = object({ self: STRING });

function resourceSchema(attributes: SchemaObject, inList: boolean): SchemaObject {
  return object(
    {
      type: STRING,
      id: ULID,
      attributes,
      links: SELF_LINKS,
      meta: object({ page: object({ cursor: STRING }) }),
    },
    inList ? ['meta'] : ['meta'],
  );
}

export const singleResponseSchema = (attributes: SchemaObject): SchemaObject =>
  object({ data: resourceSchema(attributes, false), links: SELF_LINKS });

export const paginatedResponseSchema = (attributes: SchemaObject): SchemaObject =>
  object(
    {
      meta: object({ count: { type: 'integer', minimum: 0 } }),
      data: { type: 'array', items: resourceSchema(attributes, true) },
      links: object({ self: STRING, first: STRING, last: STRING, next: STRING, prev: STRING }, [
        'first',
        'last',
        'next',
        'prev',
      ]),
    },
    ['meta', 'data'],
  );

export const ERROR_RESPONSE: SchemaObject = object({
  errors: { type: 'array', items: object({ title: STRING }) },
});

const PAGINATION_QUERIES = [
  { name: 'page[before]', schema: ULID, description: 'Retrieve the items before the given ID' },
  { name: 'page[after]', schema: ULID, description: 'Retrieve the items after the given ID' },
  {
    name: 'page[first]',
    schema: { type: 'integer', minimum: 1, maximum: 1000 },
    description: 'Retrieve the first N items',
  },
  {
    name: 'page[last]',
    schema: { type: 'integer', minimum: 1, maximum: 1000 },
    description: 'Retrieve the last N items',
  },
  {
    name: 'count',
    schema: { type: 'string', enum: ['true', 'false', 'only'] },
    description: 'Include the total number of items. Defaults to `true`.',
  },
] as const;

export interface FilterDoc {
  name: string;
  schema: SchemaObject;
  description?: string;
}

const error = (status: number, description: string) =>
  ApiResponse({ status, description, schema: ERROR_RESPONSE });

/** Common documentation of an authenticated admin operation. */
function operation(tag: string, operationId: string, summary: string) {
  return applyDecorators(
    ApiTags(tag),
    ApiBearerAuth('token'),
    ApiOperation({ operationId, summary }),
    error(400, 'Missing or malformed authorization header'),
    error(401, 'Unknown, expired or revoked token, locked user, or missing `urn:mas:admin`'),
  );
}

export function ApiList(
  tag: string,
  operationId: string,
  summary: string,
  attributes: SchemaObject,
  filters: FilterDoc[],
) {
  return applyDecorators(
    operation(tag, operationId, summary),
    ...PAGINATION_QUERIES.map((q) => ApiQuery({ ...q, required: false })),
    ...filters.map((f) =>
      ApiQuery({
        name: `filter[${f.name}]`,
        schema: f.schema,
        description: f.description,
        required: false,
      }),
    ),
    ApiResponse({
      status: 200,
      description: 'Paginated response',
      schema: paginatedResponseSchema(attributes),
    }),
    error(404, 'A resource named by a filter was not found'),
  );
}

/** An operation on one resource by id; `status` is its success status. */
export function ApiOne(
  tag: string,
  operationId: string,
  summary: string,
  attributes: SchemaObject | null,
  opts: {
    status?: number;
    body?: SchemaObject;
    path?: 'id' | 'username' | null;
    errors?: [number, string][];
  } = {},
) {
  const decorators: Decorator[] = [operation(tag, operationId, summary)];
  if (opts.path !== null) {
    const name = opts.path ?? 'id';
    decorators.push(ApiParam({ name, schema: name === 'id' ? ULID : STRING }));
  }
  if (opts.body) decorators.push(ApiBody({ schema: opts.body }) as Decorator);
  const status = opts.status ?? 200;
  decorators.push(
    attributes === null
      ? ApiResponse({ status, description: 'Success, no content' })
      : ApiResponse({ status, description: 'Success', schema: singleResponseSchema(attributes) }),
  );
  for (const [code, description] of opts.errors ?? [[404, 'Not found']]) {
    decorators.push(error(code, description));
  }
  return applyDecorators(...decorators);
}
