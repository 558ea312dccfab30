import { Field, ID, InputType } from 'type-graphql';
import { DateTimeScalar } from './date-time.scalar';
import { IdOf, Spec } from './field-spec.validator';
import { RecordStatus } from './enums';

@InputType({ description: 'A device installed at a customer (a device always has one). `id` is optional (dev_…).' })
export class InstallDeviceInput {
  @Field(() => ID, { nullable: true })
  @IdOf('Device')
  id?: string | null;

  @Field()
  @Spec('devices')
  serial!: string;

  @Field()
  @Spec('devices')
  model!: string;

  @Field(() => String, { nullable: true })
  @Spec('devices')
  productLine?: string | null;

  @Field(() => String, { nullable: true })
  @Spec('devices')
  softwareVersion?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  installedAt?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the maintenance contract ends.' })
  maintenanceUntil?: string | null;

  @Field(() => ID)
  @IdOf('Customer')
  customerId!: string;
}

@InputType({ description: 'Only the fields you send change. A new customerId moves the device.' })
export class UpdateDeviceInput {
  @Field(() => ID)
  @IdOf('Device')
  id!: string;

  @Field(() => String, { nullable: true })
  @Spec('devices')
  serial?: string | null;

  @Field(() => String, { nullable: true })
  @Spec('devices')
  model?: string | null;

  @Field(() => String, { nullable: true })
  @Spec('devices')
  productLine?: string | null;

  @Field(() => String, { nullable: true })
  @Spec('devices')
  softwareVersion?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  installedAt?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  maintenanceUntil?: string | null;

  @Field(() => ID, { nullable: true, description: 'Move the device to this customer.' })
  @IdOf('Customer')
  customerId?: string | null;

  @Field(() => RecordStatus, { nullable: true })
  status?: RecordStatus | null;
}
