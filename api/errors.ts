import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError, errorStatus, type ErrorDetail } from '../core/errors.js';

export function errorBody(code: string, message: string, details: ErrorDetail[] = []) {
  return { error: { code, message, details } };
}

/** The one place failures become HTTP responses. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (error instanceof AppError) {
      res.status(errorStatus[error.code]).json(errorBody(error.code, error.message, error.details));
      return;
    }
    if (error?.type === 'entity.parse.failed' && jsonKind(error.body) !== undefined) {
      const kind = jsonKind(error.body);
      res
        .status(400)
        .json(
          errorBody('invalid_request', `request body must be a JSON object, not ${kind}`, [
            { path: '(body)', message: `${kind} is not an object` },
          ]),
        );
      return;
    }
    if (error?.type === 'entity.parse.failed') {
      res.status(400).json(errorBody('invalid_request', `request body is not valid JSON: ${error.message}`));
      return;
    }
    if (error?.type === 'entity.too.large') {
      res.status(413).json(errorBody('invalid_request', 'request body is too large'));
      return;
    }
    if (error?.type === 'charset.unsupported' || error?.type === 'encoding.unsupported') {
      res.status(415).json(errorBody('invalid_request', error.message));
      return;
    }
    logger.error({ err: error, requestId: req.id }, 'unhandled error');
    res
      .status(500)
      .json(
        errorBody('internal_error', 'internal error; see the server log for the request id', [
          { message: String(req.id ?? '') },
        ]),
      );
  };
}

/** What a body the strict JSON parser refused actually is, when it is valid JSON (`null`, a string…). */
function jsonKind(body: unknown): string | undefined {
  if (typeof body !== 'string') return undefined;
  try {
    const value: unknown = JSON.parse(body);
    return value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
  } catch {
    return undefined;
  }
}
