import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { badInput } from '../errors';
import { createLoaders } from '../graph/loaders';
import { EDGE_KINDS, NODE_KINDS, kindByName } from '../graph/kinds';
import { importContent } from '../import/import-files';
import { ImportFormat, ImportReport } from '../schema/import.type';

const KINDS = [...NODE_KINDS, ...EDGE_KINDS].map((k) => k.kind);

@Resolver()
export class ImportResolver {
  @Mutation(() => ImportReport, {
    description:
      'Admin: imports records of one kind from the given content, exactly like `npm run import` with a file ' +
      'named <kind>.<format>: idempotent by id, bad records reported by line and field while good ones load, ' +
      'unless strict (then nothing loads if any record is bad). The request body is limited to 1 MB; use the CLI ' +
      'for larger files. The change history records the actor "system".',
  })
  async importRecords(
    @Arg('kind', { description: `One of ${KINDS.join(', ')}.` }) kind: string,
    @Arg('format', () => ImportFormat) format: ImportFormat,
    @Arg('content', { description: 'The file content (CSV with its header row, a JSON array, or JSON lines).' }) content: string,
    @Arg('strict', () => Boolean, { nullable: true, description: 'Load nothing if any record is bad (default false).' })
    strict: boolean | null,
    @Arg('replaceCurrent', () => Boolean, {
      nullable: true,
      description:
        "coverage: a row that clashes with a current coverage (a second PRIMARY, an overlapping period) ends the old one at the row's from instead of being rejected (default false).",
    })
    replaceCurrent: boolean | null,
    @Ctx() ctx: Context,
  ): Promise<ImportReport> {
    if (!kindByName(kind)) throw badInput([{ field: 'kind', reason: `"${kind}" is not a record kind: one of ${KINDS.join(', ')}` }]);
    const report = await importContent(
      ctx.store,
      { kind, format, content },
      { strict: strict ?? false, replaceCurrent: replaceCurrent ?? false, actor: 'system', origin: `importRecords by ${ctx.actor}` },
    );
    // This request's loaders may have cached what the import just changed.
    ctx.loaders = createLoaders(ctx.store, ctx.now);
    return report;
  }
}
