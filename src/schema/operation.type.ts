import { Field, Float, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from './date-time.scalar';
import { AuthorisationSide, OperationKind, OperationOutcome, OperationRisk, OperationStatus } from './enums';
import { Node } from './node.interface';

@ObjectType({
  implements: Node,
  description:
    'A change made on a device (upgrade, patch, alarm masking...): planned, authorised by the customer and by us, started, done or rolled back. ' +
    'A HIGH-risk operation cannot start without both authorisations; an UPGRADE needs a recorded compatibility check.',
})
export class Operation extends Node {
  @Field(() => OperationKind)
  kind!: OperationKind;

  @Field(() => OperationRisk, { description: 'As planned, or the default of the kind.' })
  risk!: OperationRisk;

  @Field(() => OperationStatus)
  status!: OperationStatus;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  plannedFrom?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  plannedTo?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  startedAt?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  doneAt?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  rolledBackAt?: string | null;

  @Field(() => OperationOutcome, { nullable: true })
  outcome?: OperationOutcome | null;

  @Field(() => String, { nullable: true, description: 'The software version before (for upgrades and patches).' })
  fromVersion?: string | null;

  @Field(() => String, { nullable: true })
  toVersion?: string | null;

  @Field(() => String, { nullable: true, description: 'The engineer id who checked version compatibility.' })
  compatibilityCheckedBy?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  compatibilityCheckedAt?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@ObjectType({ description: 'Who authorised an operation, on which side, when.' })
export class OperationAuthorisation {
  @Field(() => AuthorisationSide)
  side!: AuthorisationSide;

  @Field(() => DateTimeScalar)
  at!: string;

  /** Resolved by id: a Contact (CUSTOMER) or an Engineer (OURS). */
  byId!: string;
}

@ObjectType({ description: "The evidence behind an expert's rank for a device model or product line." })
export class ExpertEvidence {
  @Field(() => Int, { description: 'Cases on devices of the model that this engineer resolved (owner at resolution).' })
  resolvedCases!: number;

  @Field(() => Int, { description: 'Cases the engineer worked on or resolved that were later reopened.' })
  reopenedCases!: number;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the latest of those cases was resolved.' })
  lastResolvedAt?: string | null;

  @Field(() => [String], { description: 'Case ids behind the rank, newest first (at most 10).' })
  caseIds!: string[];

  @Field(() => Boolean, { description: 'The declared skills mention the model or product line.' })
  declaredSkill!: boolean;
}

@ObjectType({ description: 'Whether the engineer can come now.' })
export class ExpertAvailability {
  @Field(() => Boolean)
  available!: boolean;

  @Field(() => String, { description: 'The engineer status (ACTIVE, ON_LEAVE...).' })
  status!: string;

  @Field(() => Boolean, { description: 'An absence period covers now.' })
  absentNow!: boolean;

  @Field(() => Int, { description: 'Open cases the engineer owns now.' })
  openCases!: number;
}

@ObjectType({ description: 'An engineer ranked by field experience with a model or product line.' })
export class Expert {
  /** The engineer id (resolved to Engineer by the resolver). */
  engineerId!: string;

  @Field(() => Float, { description: 'The rank score (evidence, recency, skills, availability and distance; see docs/knowledge.md).' })
  score!: number;

  @Field(() => ExpertEvidence)
  evidence!: ExpertEvidence;

  @Field(() => ExpertAvailability)
  availability!: ExpertAvailability;

  @Field(() => Int, {
    nullable: true,
    description: "Steps in the region tree between the engineer's base and the customer's region (null: unknown).",
  })
  regionDistance?: number | null;
}
