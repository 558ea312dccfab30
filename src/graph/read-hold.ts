/**
 * When the embedded store holds reads to RAPPORT_READ_CONCURRENCY in the engine (StatementGate in
 * embedded-store.ts): while a write transaction is about (`writes`, the default), or `always`: less
 * memory under many concurrent reads, less throughput (issue 15; see docs/performance.md).
 */
export type ReadHold = 'writes' | 'always';
export const READ_HOLDS: readonly ReadHold[] = ['writes', 'always'];
