import { Field, ID, InputType } from 'type-graphql';
import { IdOf, Spec } from './field-spec.validator';
import { RecordStatus, RegionKind } from './enums';

@InputType({ description: 'A new region. `id` is optional: send a free reg_… id of your own, or one is generated.' })
export class CreateRegionInput {
  @Field(() => ID, { nullable: true })
  @IdOf('Region')
  id?: string | null;

  @Field()
  @Spec('regions')
  name!: string;

  @Field(() => RegionKind)
  kind!: RegionKind;

  @Field(() => ID, { nullable: true, description: 'The region this one is part of.' })
  @IdOf('Region')
  parentId?: string | null;
}

@InputType({ description: 'Only the fields you send change; null clears an optional field.' })
export class UpdateRegionInput {
  @Field(() => ID)
  @IdOf('Region')
  id!: string;

  @Field(() => String, { nullable: true })
  @Spec('regions')
  name?: string | null;

  @Field(() => RegionKind, { nullable: true })
  kind?: RegionKind | null;

  @Field(() => ID, { nullable: true })
  @IdOf('Region')
  parentId?: string | null;

  @Field(() => RecordStatus, { nullable: true, description: 'ACTIVE restores an archived region.' })
  status?: RecordStatus | null;
}
