import { attentionCursor, attentionPageArgs, pageAttention, rankAttention, type Assessment } from '../../src/domain/attention-list';
import { FlagCode, type Flag } from '../../src/domain/flags';
import { AppError } from '../../src/errors';

const flag = (code: FlagCode): Flag => ({ code, message: code, evidence: {} });
const row = (id: string, name: string, score: number, codes: FlagCode[] = [FlagCode.NO_BACKUP]): Assessment => ({
  customer: { id, name, tier: 'STANDARD' },
  flags: codes.map(flag),
  score,
});

describe('rankAttention', () => {
  it('keeps customers with flags, highest score first, then name (code-point order), then id', () => {
    const ranked = rankAttention([
      row('cus_b', 'beta', 10),
      row('cus_none', 'Zero', 0, []),
      row('cus_a2', 'Alpha', 10),
      row('cus_a1', 'Alpha', 10),
      row('cus_top', 'Omega', 45),
      row('cus_up', 'Zeta', 10),
    ]);
    expect(ranked.map((a) => a.customer.id)).toEqual(['cus_top', 'cus_a1', 'cus_a2', 'cus_up', 'cus_b']);
  });

  it('with a flag keeps only the customers that have it', () => {
    const ranked = rankAttention(
      [row('cus_a', 'A', 10), row('cus_b', 'B', 25, [FlagCode.CASE_WITHOUT_OWNER])],
      FlagCode.CASE_WITHOUT_OWNER,
    );
    expect(ranked.map((a) => a.customer.id)).toEqual(['cus_b']);
  });
});

describe('pageAttention', () => {
  const ranked = rankAttention([row('cus_1', 'A', 30), row('cus_2', 'B', 20), row('cus_3', 'C', 10), row('cus_4', 'D', 10)]);

  it('continues after the cursor’s position even when that customer has left the list', () => {
    const first = pageAttention(ranked, attentionPageArgs(2, null));
    expect(first.edges.map((e) => e.node.customer.id)).toEqual(['cus_1', 'cus_2']);
    // cus_2 was fixed meanwhile: the next page still starts after its old place.
    const without2 = ranked.filter((a) => a.customer.id !== 'cus_2');
    const next = pageAttention(without2, attentionPageArgs(2, first.pageInfo.endCursor));
    expect(next.edges.map((e) => e.node.customer.id)).toEqual(['cus_3', 'cus_4']);
    expect(next.pageInfo.hasNextPage).toBe(false);
    expect(next.totalCount).toBe(3);
  });

  it('a cursor is the row’s (score, name, id)', () => {
    expect(JSON.parse(Buffer.from(attentionCursor(ranked[0]), 'base64url').toString())).toEqual([30, 'A', 'cus_1']);
  });

  it.each([
    [201, null, 'first'],
    [1.5, null, 'first'],
    [10, Buffer.from(JSON.stringify(['x', 'A', 'cus_1'])).toString('base64url'), 'after'],
    [10, Buffer.from(JSON.stringify(3)).toString('base64url'), 'after'],
  ])('rejects first=%p after=%p naming %s', (first, after, field) => {
    try {
      attentionPageArgs(first as number, after as string | null);
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).details.fields).toEqual([expect.objectContaining({ field })]);
    }
  });
});
