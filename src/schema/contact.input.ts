import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { DateTimeScalar } from './date-time.scalar';
import { IdOf, Spec } from './field-spec.validator';
import { ContactRole, RecordStatus } from './enums';

@InputType({ description: 'A new contact, optionally employed at a customer from `employedFrom` (default now). `id` is optional (con_…).' })
export class CreateContactInput {
  @Field(() => ID, { nullable: true })
  @IdOf('Contact')
  id?: string | null;

  @Field()
  @Spec('contacts')
  name!: string;

  @Field(() => String, { nullable: true })
  @Spec('contacts')
  nameLatin?: string | null;

  @Field(() => String, { nullable: true, description: 'Job title at the customer.' })
  @Spec('contacts')
  title?: string | null;

  @Field(() => ContactRole)
  role!: ContactRole;

  @Field(() => String, { nullable: true })
  @Spec('contacts')
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @Spec('contacts')
  email?: string | null;

  @Field(() => ID, { nullable: true, description: 'Their manager at the customer.' })
  @IdOf('Contact')
  reportsToId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The customer they work at.' })
  @IdOf('Customer')
  customerId?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Start of the employment at customerId (default now).' })
  employedFrom?: string | null;
}

@InputType({
  description: 'Only the fields you send change; null clears an optional field. Employment and manager have their own mutations.',
})
export class UpdateContactInput {
  @Field(() => ID)
  @IdOf('Contact')
  id!: string;

  @Field(() => String, { nullable: true })
  @Spec('contacts')
  name?: string | null;

  @Field(() => String, { nullable: true })
  @Spec('contacts')
  nameLatin?: string | null;

  @Field(() => String, { nullable: true })
  @Spec('contacts')
  title?: string | null;

  @Field(() => ContactRole, { nullable: true })
  role?: ContactRole | null;

  @Field(() => String, { nullable: true })
  @Spec('contacts')
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @Spec('contacts')
  email?: string | null;

  @Field(() => RecordStatus, { nullable: true })
  status?: RecordStatus | null;
}

@InputType({ description: 'The contact starts working at the customer at `from` (default now).' })
export class AddContactToCustomerInput {
  @Field(() => ID)
  @IdOf('Contact')
  contactId!: string;

  @Field(() => ID)
  @IdOf('Customer')
  customerId!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'Job title in this employment.' })
  @Spec('employments')
  title?: string | null;
}

@InputType({ description: "Ends the contact's current employment at the customer at `at` (default now)." })
export class EndContactEmploymentInput {
  @Field(() => ID)
  @IdOf('Contact')
  contactId!: string;

  @Field(() => ID)
  @IdOf('Customer')
  customerId!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  at?: string | null;
}

@ArgsType()
export class SetReportsToArgs {
  @Field(() => ID)
  @IdOf('Contact')
  contactId!: string;

  @Field(() => ID, { nullable: true, description: 'The new manager; null = reports to nobody.' })
  @IdOf('Contact')
  managerId?: string | null;
}
