import { Field, ID, InputType } from 'type-graphql';
import { IdOf, Spec } from './field-spec.validator';
import { RecordStatus } from './enums';

@InputType({ description: 'A new partner company. `id` is optional (par_…).' })
export class CreatePartnerInput {
  @Field(() => ID, { nullable: true })
  @IdOf('Partner')
  id?: string | null;

  @Field()
  @Spec('partners')
  name!: string;
}

@InputType({ description: 'Only the fields you send change.' })
export class UpdatePartnerInput {
  @Field(() => ID)
  @IdOf('Partner')
  id!: string;

  @Field(() => String, { nullable: true })
  @Spec('partners')
  name?: string | null;

  @Field(() => RecordStatus, { nullable: true, description: 'ACTIVE restores an archived partner.' })
  status?: RecordStatus | null;
}
