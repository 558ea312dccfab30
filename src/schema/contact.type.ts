import { Field, ObjectType } from 'type-graphql';
import { Node } from './node.interface';
import { ContactRole, RecordStatus } from './enums';
import { DateTimeScalar } from './date-time.scalar';
import { Customer } from './customer.type';

@ObjectType({ implements: Node, description: 'A person at a customer.' })
export class Contact extends Node {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  nameLatin?: string | null;

  @Field(() => String, { nullable: true, description: 'Job title at the customer.' })
  title?: string | null;

  @Field(() => ContactRole)
  role!: ContactRole;

  @Field(() => String, { nullable: true, description: 'Personal data.' })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'Personal data.' })
  email?: string | null;

  @Field(() => RecordStatus)
  status!: RecordStatus;
}

@ObjectType({ description: "A contact's employment at a customer (WORKS_AT): current while `to` is null." })
export class Employment {
  @Field(() => Contact)
  contact!: Contact;

  @Field(() => Customer)
  customer!: Customer;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  from?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  to?: string | null;

  @Field()
  current!: boolean;
}
