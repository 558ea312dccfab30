import type { NonEmptyArray } from 'type-graphql';
import '../schema/enums';
import { CaseOwnershipResolver, CaseResolver, CommitmentResolver, DeviceResolver, InteractionResolver, RegionResolver } from './case.resolver';
import { CustomerResolver } from './customer.resolver';
import { HandoffItemResolver, HandoffResolver } from './handoff.resolver';
import { HealthResolver } from './health.resolver';
import { ContactResolver, CoverageResolver, EmploymentResolver, EngineerResolver, PartnerResolver } from './people.resolver';
import { QueryResolver } from './query.resolver';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: NonEmptyArray<Function> = [
  HealthResolver,
  QueryResolver,
  CustomerResolver,
  ContactResolver,
  EmploymentResolver,
  EngineerResolver,
  PartnerResolver,
  CoverageResolver,
  CaseResolver,
  CaseOwnershipResolver,
  DeviceResolver,
  InteractionResolver,
  CommitmentResolver,
  RegionResolver,
  HandoffResolver,
  HandoffItemResolver,
];
