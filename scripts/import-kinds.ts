import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../src/paths';
import { IMPORT_KINDS_DOC, importKindsTable, withImportKindsSection } from '../src/import/import-kinds-doc';

/** Prints the import file formats (from src/graph/kinds.ts); `--write` refreshes the table in docs/importing.md. */
if (process.argv.includes('--write')) {
  const file = path.join(REPO_ROOT, IMPORT_KINDS_DOC);
  const updated = withImportKindsSection(readFileSync(file, 'utf8'));
  if (updated === null) {
    process.stderr.write(`${IMPORT_KINDS_DOC} has no import-kinds markers: paste the table under "Files" between them\n`);
    process.exit(1);
  }
  writeFileSync(file, updated);
  process.stdout.write(`${IMPORT_KINDS_DOC}: import file formats updated\n`);
} else {
  process.stdout.write(`${importKindsTable()}\n`);
}
