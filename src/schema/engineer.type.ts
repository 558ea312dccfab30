import { Field, ObjectType } from 'type-graphql';
import { Node } from './node.interface';
import { EngineerKind, EngineerStatus, RecordStatus } from './enums';
import { Connection } from './page-info.type';

@ObjectType({ implements: Node, description: 'One of our people: own staff (EMPLOYEE) or a partner engineer.' })
export class Engineer extends Node {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  nameLatin?: string | null;

  @Field(() => EngineerKind)
  kind!: EngineerKind;

  @Field(() => EngineerStatus, {
    description: 'LEFT or TRANSFERRED engineers still appear where a coverage was never ended: that is the gap to fix.',
  })
  status!: EngineerStatus;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => [String])
  skills!: string[];
}

export const EngineerConnection = Connection(Engineer, 'Engineer');
export type EngineerConnection = InstanceType<typeof EngineerConnection>;

@ObjectType({ implements: Node, description: 'A partner (contractor) company.' })
export class Partner extends Node {
  @Field()
  name!: string;

  @Field(() => RecordStatus)
  status!: RecordStatus;
}
