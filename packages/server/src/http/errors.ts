/**
 * The one place errors become responses: `{ "errors": [{ code, message, long_message, meta }] }`.
 * - GatehouseError: its status and public fields; the cause goes to the log only.
 * - Schema validation: `form_param_missing` / `form_param_unknown` / `form_param_format_invalid`
 *   with `meta.param_name`, status 422.
 * - Body parsing: `request_body_invalid` (400), `request_body_too_large` (413), `unsupported_media_type` (415).
 * - Anything else: logged with its stack, answered `internal_error` (500) with no detail.
 */
import { type ErrorCode, GatehouseError, toWireError } from '@gatehouse/shared';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

interface AjvIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

const paramName = (issue: AjvIssue): string => {
  const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
  if (issue.keyword === 'required') return [path, String(issue.params.missingProperty)].filter(Boolean).join('.');
  if (issue.keyword === 'additionalProperties')
    return [path, String(issue.params.additionalProperty)].filter(Boolean).join('.');
  return path;
};

export function validationError(issues: AjvIssue[], context: string | undefined): GatehouseError {
  const issue = issues[0]!;
  const name = paramName(issue);
  const where = context === 'querystring' ? 'query parameter' : context === 'params' ? 'path parameter' : 'parameter';
  if (issue.keyword === 'required')
    return new GatehouseError('form_param_missing', {
      longMessage: `${name} is required.`,
      meta: { param_name: name },
    });
  if (issue.keyword === 'additionalProperties')
    return new GatehouseError('form_param_unknown', {
      longMessage: `${name} is not a known ${where}.`,
      meta: { param_name: name },
    });
  return new GatehouseError('form_param_format_invalid', {
    longMessage: `${name || 'The request'} ${issue.message ?? 'is invalid'}.`,
    meta: { param_name: name },
  });
}

const BODY_ERRORS: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'request_body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request_body_invalid',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request_body_invalid',
  FST_ERR_CTP_INVALID_JSON_BODY: 'request_body_invalid',
  FST_ERR_BAD_URL: 'resource_not_found',
  FST_ERR_MAX_PARAM_LENGTH: 'resource_not_found',
};

export function toGatehouseError(err: unknown): GatehouseError | null {
  if (err instanceof GatehouseError) return err;
  const e = err as FastifyError & { validation?: AjvIssue[]; validationContext?: string };
  if (e?.validation) return validationError(e.validation, e.validationContext);
  if (e?.code && BODY_ERRORS[e.code]) return new GatehouseError(BODY_ERRORS[e.code]!, { cause: err });
  // JSON.parse failures from the content-type parser carry status 400 and no code.
  if (e instanceof SyntaxError || (e?.statusCode === 400 && !e.code))
    return new GatehouseError('request_body_invalid', { cause: err });
  return null;
}

export function sendError(request: FastifyRequest, reply: FastifyReply, err: GatehouseError): FastifyReply {
  if (err.status === 429 && typeof err.meta.retry_after_seconds === 'number')
    void reply.header('retry-after', String(err.meta.retry_after_seconds));
  return reply
    .code(err.status)
    .header('content-type', 'application/json')
    .send(JSON.stringify({ errors: [toWireError(err)], clerk_trace_id: request.id }));
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => {
    const known = toGatehouseError(err);
    if (known) {
      if (known.status >= 500) request.log.error({ err: known.cause ?? known, code: known.code }, 'request failed');
      else request.log.info({ code: known.code }, 'request refused');
      return sendError(request, reply, known);
    }
    request.log.error({ err }, 'unexpected failure');
    return sendError(request, reply, new GatehouseError('internal_error', { cause: err }));
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, new GatehouseError('resource_not_found')));
}
