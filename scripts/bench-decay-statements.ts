// The statements bench-decay needs, in one place so the script also runs against older commits
// (copy this file and bench-decay.ts there): the access-log write of the stored shape, and the
// attention snapshot's coverage statement as the repository has it.
export { RECORD_ACCESS } from '../src/graph/repositories/access-log.repo';
export { SNAPSHOT_COVERAGE as SNAPSHOT_COVERAGE_FOR_DECAY } from '../src/graph/repositories/attention.repo';
