import { readFileSync } from 'node:fs';
import path from 'node:path';
import { IMPORT_KINDS_DOC, importKindsSection, importKindsTable } from '../src/import/import-kinds-doc';
import { EDGE_KINDS, NODE_KINDS } from '../src/graph/kinds';
import { REPO_ROOT } from '../src/paths';

describe('the import format documentation', () => {
  it('docs/importing.md lists every import kind exactly as src/graph/kinds.ts declares it (run `npm run import:kinds -- --write`)', () => {
    const guide = readFileSync(path.join(REPO_ROOT, IMPORT_KINDS_DOC), 'utf8');
    expect(guide).toContain(importKindsSection());
  });

  it('the table has one row per kind, in import order, with required columns in bold', () => {
    const rows = importKindsTable().split('\n').slice(2);
    expect(rows.map((r) => /^\| `([^`]+)`/.exec(r)![1])).toEqual([...NODE_KINDS, ...EDGE_KINDS].map((k) => k.kind));
    const customers = rows.find((r) => r.startsWith('| `customers`'))!;
    expect(customers).toContain('**id** (`cus_…`), **name**, nameLatin, **tier** (VIP / KEY / STANDARD)');
    expect(customers).toContain('regionId → Region, parentId → Customer | id |');
    expect(rows.find((r) => r.startsWith('| `employments`'))).toMatch(/\| contactId \+ customerId \+ from \|$/);
  });
});
