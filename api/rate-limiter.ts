import type { Request, RequestHandler, Response } from 'express';
import { rateLimit, type Options } from 'express-rate-limit';
import { AppError } from '../core/errors.js';

export function limiter(
  perMinute: number,
  keyGenerator: (req: Request, res: Response) => string,
  options: Partial<Options> = {},
): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator,
    handler: (_req, _res, next) =>
      next(
        new AppError(
          'rate_limited',
          `more than ${perMinute} requests a minute; slow down and retry after the retry-after delay`,
        ),
      ),
    ...options,
  });
}
