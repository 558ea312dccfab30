import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../src/paths';
import { importKindsTable, withImportKindsSection } from '../src/import/import-kinds-doc';

/** Prints the import file formats (from src/graph/kinds.ts); `--write` refreshes README.md's table. */
if (process.argv.includes('--write')) {
  const file = path.join(REPO_ROOT, 'README.md');
  const updated = withImportKindsSection(readFileSync(file, 'utf8'));
  if (updated === null) {
    process.stderr.write(`README.md has no import-kinds markers: paste the table under "Importing data" between them\n`);
    process.exit(1);
  }
  writeFileSync(file, updated);
  process.stdout.write('README.md: import file formats updated\n');
} else {
  process.stdout.write(`${importKindsTable()}\n`);
}
