import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

/** The formats importRecords reads (the same readers as `npm run import`). */
export enum ImportFormat {
  CSV = 'csv',
  JSON = 'json',
  JSONL = 'jsonl',
}
registerEnumType(ImportFormat, {
  name: 'ImportFormat',
  description: 'CSV with a header row (lists `;`-separated); JSON: one array of records; JSONL: one record per line.',
});

@ObjectType({ description: 'What the import did with one file (for importRecords: the content).' })
export class ImportFileReport {
  @Field({ description: 'The file name, e.g. customers.csv.' })
  file!: string;

  @Field({ description: 'The record kind, e.g. customers.' })
  kind!: string;

  @Field(() => Int, { description: 'Records read, good and bad.' })
  rows!: number;

  @Field(() => Int)
  created!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int, { description: 'Records already stored exactly as given: nothing was written for them.' })
  unchanged!: number;

  @Field(() => Int)
  rejected!: number;
}

@ObjectType({ description: 'A rejected record or file: where, which field, why.' })
export class ImportRowError {
  @Field()
  file!: string;

  @Field(() => Int, { description: 'The line where the record starts (CSV header = 1); 0 = the file as a whole.' })
  line!: number;

  @Field({ description: "The column or field at fault; '' when the whole record is." })
  field!: string;

  @Field()
  reason!: string;
}

@ObjectType({ description: 'The outcome of an import.' })
export class ImportReport {
  @Field(() => [ImportFileReport])
  files!: ImportFileReport[];

  @Field(() => [ImportRowError], { description: 'Errors ordered by file and line (the first 1000; see errorCount).' })
  errors!: ImportRowError[];

  @Field(() => Int)
  errorCount!: number;

  @Field({ description: 'False when strict mode found errors and nothing was written.' })
  loaded!: boolean;

  @Field(() => Int)
  durationMs!: number;

  @Field(() => Int)
  rowsPerSecond!: number;

  @Field(() => Int, { description: 'Nodes plus relationships of the loaded records, per second.' })
  nodesAndRelationshipsPerSecond!: number;
}
