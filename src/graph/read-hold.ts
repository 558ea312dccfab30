/**
 * When the embedded store holds reads to RAPPORT_READ_CONCURRENCY in the engine (StatementGate in
 * embedded-store.ts): `always` (the default: bounded memory under many concurrent reads), or only
 * while a write transaction is about (`writes`: more throughput, more memory; issue 15, see
 * docs/performance.md).
 */
export type ReadHold = 'writes' | 'always';
export const READ_HOLDS: readonly ReadHold[] = ['writes', 'always'];
