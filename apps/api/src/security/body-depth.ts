import type { NextFunction, Request, Response } from 'express';

/** Deeper than any payload Rapport or a vendor tool sends (webhook payloads nest about 6 levels). */
export const MAX_BODY_DEPTH = 32;

/** How deep a parsed JSON value nests, walked with an explicit stack (no recursion to overflow); stops past `limit`. */
export function depthExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth >= limit) return true;
    for (const inner of Object.values(current)) if (inner !== null && typeof inner === 'object') stack.push([inner, depth + 1]);
  }
  return false;
}

/** Refuses a JSON body nested deeper than MAX_BODY_DEPTH with a 400, before any handler walks it. */
export function bodyDepthLimit(req: Request, res: Response, next: NextFunction): void {
  if (req.body !== undefined && depthExceeds(req.body, MAX_BODY_DEPTH)) {
    res.status(400).json({ statusCode: 400, message: `the body nests deeper than ${MAX_BODY_DEPTH} levels` });
    return;
  }
  next();
}
