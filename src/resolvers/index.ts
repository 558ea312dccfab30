import type { NonEmptyArray } from 'type-graphql';
import { HealthResolver } from './health.resolver';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: NonEmptyArray<Function> = [HealthResolver];
