import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from './date-time.scalar';
import { Connection } from './page-info.type';

/** The kinds of change (domain/changes.ts ChangeOp) as a GraphQL enum. */
export const ChangeOp = {
  CREATE: 'CREATE',
  UPDATE: 'UPDATE',
  ARCHIVE: 'ARCHIVE',
  LINK: 'LINK',
  UNLINK: 'UNLINK',
  IMPORT: 'IMPORT',
} as const;
export type ChangeOp = (typeof ChangeOp)[keyof typeof ChangeOp];
registerEnumType(ChangeOp, {
  name: 'ChangeOp',
  description: 'CREATE/UPDATE/ARCHIVE a record; LINK/UNLINK a relationship (coverage, employment, ownership); IMPORT by the bulk import.',
});

@ObjectType({ description: 'One field of a change: its value before and after, each JSON-encoded ("null" when absent).' })
export class FieldChange {
  @Field()
  field!: string;

  @Field({ description: 'JSON of the value before the change.' })
  before!: string;

  @Field({ description: 'JSON of the value after the change.' })
  after!: string;
}

@ObjectType({ description: 'One recorded change: who changed what, when.' })
export class Change {
  @Field(() => ID)
  id!: string;

  @Field(() => DateTimeScalar)
  at!: string;

  @Field({ description: 'The caller identity that made the change ("system" for imports).' })
  actor!: string;

  @Field(() => ChangeOp)
  op!: ChangeOp;

  @Field(() => ID)
  entityId!: string;

  @Field({ description: 'The label of the entity, e.g. Customer.' })
  entityLabel!: string;

  @Field(() => String, { nullable: true })
  summary?: string | null;

  @Field(() => [FieldChange])
  fields!: FieldChange[];
}

export const ChangeConnection = Connection(Change, 'Change');
export type ChangeConnection = InstanceType<typeof ChangeConnection>;
