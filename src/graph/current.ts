/**
 * "Current at T" in Cypher: the one definition every read uses, the twin of `isCurrentAt` in
 * src/domain/coverage.ts. Periods are half-open, [from, to); a `from` after T means not yet.
 */
export const currentAt = (rel: string, param = 'at') =>
  `(${rel}.from <= datetime($${param}) AND (${rel}.to IS NULL OR datetime($${param}) < ${rel}.to))`;
