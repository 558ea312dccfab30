import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { createContact } from '../graph/repositories/contact-write.repo';
import { archiveEntity, createEntity, updateEntity, type EntityLabel } from '../graph/repositories/entity-write.repo';
import { sentFields } from '../graph/repositories/write.repo';
import type { Props } from '../graph/records';
import { Contact } from '../schema/contact.type';
import { CreateContactInput, UpdateContactInput } from '../schema/contact.input';
import { Customer } from '../schema/customer.type';
import { CreateCustomerInput, UpdateCustomerInput } from '../schema/customer.input';
import { Device } from '../schema/device.type';
import { InstallDeviceInput, UpdateDeviceInput } from '../schema/device.input';
import { Engineer, Partner } from '../schema/engineer.type';
import { CreateEngineerInput, UpdateEngineerInput } from '../schema/engineer.input';
import { RecordStatus } from '../schema/enums';
import { CreatePartnerInput, UpdatePartnerInput } from '../schema/partner.input';
import { Region } from '../schema/region.type';
import { CreateRegionInput, UpdateRegionInput } from '../schema/region.input';
import { requireId } from './args';
import { write } from './write-context';

const create = (ctx: Context, label: EntityLabel, input: object) => write(ctx, (m) => createEntity(ctx.store, label, sentFields(input), m));

const update = (ctx: Context, label: EntityLabel, input: { id: string }) => {
  const { id, ...fields } = sentFields(input);
  return write(ctx, (m) => updateEntity(ctx.store, label, id as string, fields, m));
};

const archive = (ctx: Context, label: EntityLabel, id: string) =>
  write(ctx, (m) => archiveEntity(ctx.store, label, requireId(id, 'id', label), m));

/** Create, update and archive of the plain records. Archive sets status ARCHIVED: nothing is deleted. */
@Resolver()
export class MutationEntityResolver {
  @Mutation(() => Region)
  createRegion(@Arg('input', () => CreateRegionInput) input: CreateRegionInput, @Ctx() ctx: Context) {
    return create(ctx, 'Region', input);
  }

  @Mutation(() => Region)
  updateRegion(@Arg('input', () => UpdateRegionInput) input: UpdateRegionInput, @Ctx() ctx: Context) {
    return update(ctx, 'Region', input);
  }

  @Mutation(() => Region)
  archiveRegion(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return archive(ctx, 'Region', id);
  }

  @Mutation(() => Partner)
  createPartner(@Arg('input', () => CreatePartnerInput) input: CreatePartnerInput, @Ctx() ctx: Context) {
    return create(ctx, 'Partner', input);
  }

  @Mutation(() => Partner)
  updatePartner(@Arg('input', () => UpdatePartnerInput) input: UpdatePartnerInput, @Ctx() ctx: Context) {
    return update(ctx, 'Partner', input);
  }

  @Mutation(() => Partner)
  archivePartner(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return archive(ctx, 'Partner', id);
  }

  @Mutation(() => Customer)
  createCustomer(@Arg('input', () => CreateCustomerInput) input: CreateCustomerInput, @Ctx() ctx: Context) {
    return create(ctx, 'Customer', input);
  }

  @Mutation(() => Customer)
  updateCustomer(@Arg('input', () => UpdateCustomerInput) input: UpdateCustomerInput, @Ctx() ctx: Context) {
    return update(ctx, 'Customer', input);
  }

  @Mutation(() => Customer, { description: 'Status ARCHIVED: hidden from lists, kept with its history.' })
  archiveCustomer(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return archive(ctx, 'Customer', id);
  }

  @Mutation(() => Contact, { description: 'A new contact; with customerId also their employment there, in the same transaction.' })
  createContact(@Arg('input', () => CreateContactInput) input: CreateContactInput, @Ctx() ctx: Context) {
    const { customerId, employedFrom, ...fields } = sentFields(input);
    return write(ctx, (m) =>
      createContact(ctx.store, fields, { customerId: customerId as string | undefined, from: employedFrom as string | undefined }, m),
    );
  }

  @Mutation(() => Contact)
  updateContact(@Arg('input', () => UpdateContactInput) input: UpdateContactInput, @Ctx() ctx: Context) {
    return update(ctx, 'Contact', input);
  }

  @Mutation(() => Contact)
  archiveContact(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return archive(ctx, 'Contact', id);
  }

  @Mutation(() => Engineer)
  createEngineer(@Arg('input', () => CreateEngineerInput) input: CreateEngineerInput, @Ctx() ctx: Context) {
    return create(ctx, 'Engineer', input);
  }

  @Mutation(() => Engineer, { description: 'Setting status LEFT or ARCHIVED does not end coverage: end it (or hand it off) explicitly.' })
  updateEngineer(@Arg('input', () => UpdateEngineerInput) input: UpdateEngineerInput, @Ctx() ctx: Context) {
    return update(ctx, 'Engineer', input);
  }

  @Mutation(() => Engineer)
  archiveEngineer(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return archive(ctx, 'Engineer', id);
  }

  @Mutation(() => Device, { description: 'Creates a device at a customer. Moving it later is updateDevice with a new customerId.' })
  installDevice(@Arg('input', () => InstallDeviceInput) input: InstallDeviceInput, @Ctx() ctx: Context) {
    return create(ctx, 'Device', input);
  }

  @Mutation(() => Device)
  updateDevice(@Arg('input', () => UpdateDeviceInput) input: UpdateDeviceInput, @Ctx() ctx: Context) {
    return update(ctx, 'Device', input);
  }

  @Mutation(() => Device)
  archiveDevice(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return archive(ctx, 'Device', id);
  }
}

/** Regions carry a status only once the API archives one; older regions read as ACTIVE. */
@Resolver(() => Region)
export class RegionStatusResolver {
  @FieldResolver(() => RecordStatus)
  status(@Root() r: Props) {
    return (r.status as RecordStatus | undefined) ?? RecordStatus.ACTIVE;
  }
}
