import { Field, ObjectType } from 'type-graphql';
import { Node } from './node.interface';
import { MaintenanceStatus, RecordStatus } from './enums';
import { DateTimeScalar } from './date-time.scalar';

@ObjectType({ implements: Node, description: 'Equipment installed at a customer.' })
export class Device extends Node {
  @Field()
  serial!: string;

  @Field()
  model!: string;

  @Field(() => String, { nullable: true })
  productLine?: string | null;

  @Field(() => String, { nullable: true })
  softwareVersion?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  installedAt?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  maintenanceUntil?: string | null;

  @Field(() => MaintenanceStatus, { description: 'ACTIVE, EXPIRING (within 30 days), EXPIRED, or UNKNOWN (no date).' })
  maintenanceStatus!: MaintenanceStatus;

  @Field(() => RecordStatus)
  status!: RecordStatus;
}
