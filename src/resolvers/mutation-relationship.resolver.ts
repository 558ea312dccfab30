import { Arg, Args, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { addContactToCustomer, endContactEmployment, setReportsTo } from '../graph/repositories/contact-write.repo';
import { assignCoverage, endCoverage } from '../graph/repositories/coverage-write.repo';
import { sentFields } from '../graph/repositories/write.repo';
import { AddContactToCustomerInput, EndContactEmploymentInput, SetReportsToArgs } from '../schema/contact.input';
import { Contact, Employment } from '../schema/contact.type';
import { AssignCoverageInput, EndCoverageInput } from '../schema/coverage.input';
import { Coverage } from '../schema/coverage.type';
import { write } from './write-context';

/** Coverage, employment and reporting line: relationships that are ended, never edited away. */
@Resolver()
export class MutationRelationshipResolver {
  @Mutation(() => Coverage, {
    description:
      "Starts a coverage. A customer has one PRIMARY at a time and an engineer's periods in one role never overlap: " +
      'a clash is CONFLICT naming the coverage in the way, unless replaceCurrent ends it at `from`.',
  })
  assignCoverage(@Arg('input', () => AssignCoverageInput) input: AssignCoverageInput, @Ctx() ctx: Context) {
    return write(ctx, (m) => assignCoverage(ctx.store, input, m));
  }

  @Mutation(() => Coverage, { description: 'Ends a coverage at `at` (default now).' })
  endCoverage(@Arg('input', () => EndCoverageInput) input: EndCoverageInput, @Ctx() ctx: Context) {
    return write(ctx, (m) => endCoverage(ctx.store, input, m));
  }

  @Mutation(() => Employment)
  addContactToCustomer(@Arg('input', () => AddContactToCustomerInput) input: AddContactToCustomerInput, @Ctx() ctx: Context) {
    return write(ctx, (m) => addContactToCustomer(ctx.store, input, m));
  }

  @Mutation(() => Employment)
  endContactEmployment(@Arg('input', () => EndContactEmploymentInput) input: EndContactEmploymentInput, @Ctx() ctx: Context) {
    return write(ctx, (m) => endContactEmployment(ctx.store, input, m));
  }

  @Mutation(() => Contact, { description: "Sets the contact's manager at the customer (null: nobody). A loop is refused." })
  setReportsTo(@Args(() => SetReportsToArgs) args: SetReportsToArgs, @Ctx() ctx: Context) {
    const { contactId, managerId } = sentFields(args) as { contactId: string; managerId?: string | null };
    return write(ctx, (m) => setReportsTo(ctx.store, { contactId, managerId }, m));
  }
}
