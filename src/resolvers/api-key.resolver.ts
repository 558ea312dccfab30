import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { ApiKeyInputError, createApiKey, listApiKeys, revokeApiKey } from '../auth/api-keys';
import type { Context } from '../context';
import { badInput, notFound } from '../errors';
import { ApiKey, CreateApiKeyInput, CreatedApiKey } from '../schema/api-key.type';

/** Key management; ADMIN only (src/auth/permissions.ts). */
@Resolver()
export class ApiKeyResolver {
  @Query(() => [ApiKey], { description: 'Every API key, newest first (without tokens).' })
  apiKeys(@Ctx() ctx: Context) {
    return listApiKeys(ctx.store);
  }

  @Mutation(() => CreatedApiKey, { description: 'Create an API key; the token is in the answer and never again.' })
  async createApiKey(@Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput, @Ctx() ctx: Context) {
    try {
      return await createApiKey(ctx.store, { name: input.name, roles: input.roles, regions: input.regions ?? [] }, ctx);
    } catch (err) {
      if (err instanceof ApiKeyInputError) throw badInput(err.problems.map((p) => ({ ...p, field: `input.${p.field}` })));
      throw err;
    }
  }

  @Mutation(() => ApiKey, { description: 'Revoke a key: it stops working at once.' })
  async revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    const key = await revokeApiKey(ctx.store, id, ctx);
    if (!key) throw notFound('ApiKey', id);
    return key;
  }
}
