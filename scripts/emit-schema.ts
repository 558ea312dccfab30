import 'reflect-metadata';
import { SCHEMA_FILE, buildRapportSchema } from '../src/build-schema';

buildRapportSchema({ emitTo: SCHEMA_FILE }).then(
  () => process.stdout.write(`wrote ${SCHEMA_FILE}\n`),
  (err) => {
    process.stderr.write(`${err.stack ?? err}\n`);
    process.exit(1);
  },
);
