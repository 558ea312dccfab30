import { AbsenceResolver, EngineerAbsenceResolver } from './absence.resolver';
import type { NonEmptyArray } from 'type-graphql';
import { ApiKeyResolver } from './api-key.resolver';
import '../schema/enums';
import {
  AttentionQueryResolver,
  CaseSlaResolver,
  CustomerAttentionResolver,
  CustomerFlagResolver,
  EngineerAttentionResolver,
} from './attention.resolver';
import {
  CaseOwnershipResolver,
  CaseResolver,
  CommitmentResolver,
  DeviceResolver,
  InteractionResolver,
  RegionResolver,
} from './case.resolver';
import { ChangeResolver } from './change.resolver';
import { CustomerResolver } from './customer.resolver';
import { HandoffItemResolver, HandoffResolver } from './handoff.resolver';
import { HandoffWorkflowResolver } from './handoff-workflow.resolver';
import { HealthResolver } from './health.resolver';
import { ImportResolver } from './import.resolver';
import { CommitmentResolutionResolver, MutationCaseResolver } from './mutation-case.resolver';
import { MutationEntityResolver, RegionStatusResolver } from './mutation-entity.resolver';
import { MutationRelationshipResolver } from './mutation-relationship.resolver';
import { ContactResolver, CoverageResolver, EmploymentResolver, EngineerResolver, PartnerResolver } from './people.resolver';
import {
  AccessLogResolver,
  ContactPersonalDataResolver,
  EngineerPersonalDataResolver,
  EscalationStepPersonalDataResolver,
} from './personal-data.resolver';
import { QueryResolver } from './query.resolver';
import { OPERATION_RESOLVERS } from './operation.resolver';
import { WebhookResolver } from './webhook.resolver';
import { EventResolver } from './event.resolver';
import { ViewerResolver } from './viewer.resolver';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: NonEmptyArray<Function> = [
  AbsenceResolver,
  EngineerAbsenceResolver,
  HealthResolver,
  ApiKeyResolver,
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
  HandoffWorkflowResolver,
  AttentionQueryResolver,
  CustomerAttentionResolver,
  EngineerAttentionResolver,
  CustomerFlagResolver,
  CaseSlaResolver,
  MutationEntityResolver,
  MutationRelationshipResolver,
  MutationCaseResolver,
  RegionStatusResolver,
  CommitmentResolutionResolver,
  ChangeResolver,
  ImportResolver,
  ContactPersonalDataResolver,
  EngineerPersonalDataResolver,
  EscalationStepPersonalDataResolver,
  AccessLogResolver,
  ...OPERATION_RESOLVERS,
  WebhookResolver,
  EventResolver,
  ViewerResolver,
];
