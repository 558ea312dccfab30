import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { parse as parseCsv, type Options as CsvOptions } from 'csv-parse';

/**
 * Streaming readers for the import formats. Each yields one item per record with the physical line
 * where the record starts (1-based, the CSV header is line 1), so a row-level error report can point
 * at the line a person sees in an editor. Memory stays bounded: at most one record (plus the stream
 * buffers) is held at a time, whatever the size of the file.
 */
export type ImportFormat = 'csv' | 'json' | 'jsonl';

export type SourceItem =
  | { line: number; record: Record<string, unknown> }
  /** CSV only: the column names, before any record. */
  | { line: number; header: string[] }
  /** A record that could not be read. `fatal`: the rest of the file cannot be read either. */
  | { line: number; problem: { field: string; reason: string }; fatal?: boolean };

/** Longest record (bytes or characters) a reader accepts: guards memory against a broken file. */
export const MAX_RECORD_SIZE = 16 * 1024 * 1024;

/** Passes bytes through, counting them; optionally keeps them until `countLines` has passed them. */
class ByteTracker extends Transform {
  bytes = 0;
  private readonly chunks: Buffer[] = [];
  /** Byte offset of chunks[0]; newlines in [0, base + pos) are counted in `newlines`. */
  private base = 0;
  private pos = 0;
  private newlines = 0;

  constructor(private readonly keep: boolean) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    this.bytes += chunk.length;
    if (this.keep) this.chunks.push(chunk);
    done(null, chunk);
  }

  /**
   * The 1-based line of the first byte at or after `offset` that is not a line break (the start of
   * the next record, past empty lines). Offsets must not go backwards between calls.
   */
  lineOfRecordAt(offset: number): number {
    this.advanceTo(offset);
    for (;;) {
      const chunk = this.chunks[0];
      if (!chunk) break;
      const b = chunk[this.pos];
      if (b !== 0x0a && b !== 0x0d) break;
      this.step();
    }
    return this.newlines + 1;
  }

  private advanceTo(offset: number) {
    while (this.chunks.length && this.base + this.pos < offset) {
      const chunk = this.chunks[0];
      const end = Math.min(chunk.length, offset - this.base);
      for (let i = chunk.indexOf(0x0a, this.pos); i !== -1 && i < end; i = chunk.indexOf(0x0a, i + 1)) this.newlines++;
      this.pos = end;
      if (this.pos >= chunk.length) this.dropFirst();
    }
  }

  private step() {
    if (this.chunks[0][this.pos] === 0x0a) this.newlines++;
    this.pos++;
    if (this.pos >= this.chunks[0].length) this.dropFirst();
  }

  private dropFirst() {
    this.base += this.chunks[0].length;
    this.pos = 0;
    this.chunks.shift();
  }
}

export interface RecordReader {
  items: AsyncIterable<SourceItem>;
  /** Bytes read from the source so far (for progress). */
  bytesRead(): number;
}

/** Reads records from a byte stream in the given format. */
export function readRecords(input: Readable, format: ImportFormat): RecordReader {
  const tracker = new ByteTracker(format === 'csv');
  input.on('error', (err) => tracker.destroy(err));
  input.pipe(tracker);
  const items = format === 'csv' ? csvItems(tracker) : format === 'jsonl' ? jsonlItems(tracker) : jsonArrayItems(tracker);
  return { items, bytesRead: () => tracker.bytes };
}

const describe = (err: unknown) => (err as Error).message?.replace(/\s+/g, ' ') ?? String(err);

/**
 * CSV (RFC 4180): the first record names the columns; quoted fields may hold commas, quotes ("")
 * and line breaks; a UTF-8 byte-order mark is skipped; empty lines are skipped. Line numbers come
 * from byte offsets (csv-parse's own line counter drifts on CRLF files with line breaks in quotes).
 */
async function* csvItems(tracker: ByteTracker): AsyncGenerator<SourceItem> {
  let lastEnd = 0;
  let parsed = 0;
  /** Records the parser skipped, each with the number of records parsed before it (to keep file order). */
  const skipped: { after: number; item: SourceItem }[] = [];
  const options: CsvOptions<{ line: number; fields: string[] }, string[]> = {
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_SIZE,
    on_record: (fields, context) => {
      const line = tracker.lineOfRecordAt(lastEnd);
      lastEnd = context.bytes;
      parsed++;
      return { line, fields };
    },
    on_skip: (err) => {
      if (!err) return undefined;
      const line = tracker.lineOfRecordAt(lastEnd);
      const unclosed = (err as { code?: string }).code === 'CSV_QUOTE_NOT_CLOSED';
      const reason = unclosed
        ? `a quoted field is never closed: the file could not be read from here on (${describe(err)})`
        : `is not valid CSV: ${describe(err)}`;
      skipped.push({ after: parsed, item: { line, problem: { field: '', reason }, fatal: unclosed } });
      return undefined;
    },
  };
  // csv-parse types on_record as returning the record type; ours returns {line, fields}.
  const parser = parseCsv(options as unknown as CsvOptions);
  tracker.on('error', (err) => parser.destroy(err));
  tracker.pipe(parser);

  let header: string[] | null = null;
  let consumed = 0;
  try {
    for await (const rec of parser as AsyncIterable<{ line: number; fields: string[] }>) {
      while (skipped.length && skipped[0].after <= consumed) yield skipped.shift()!.item;
      consumed++;
      if (!header) {
        header = rec.fields.map((h) => h.trim());
        yield { line: rec.line, header };
        continue;
      }
      if (rec.fields.length !== header.length) {
        yield { line: rec.line, problem: { field: '', reason: `has ${rec.fields.length} fields, the header has ${header.length}` } };
        continue;
      }
      const record: Record<string, unknown> = {};
      for (let i = 0; i < header.length; i++) record[header[i]] = rec.fields[i];
      yield { line: rec.line, record };
    }
  } catch (err) {
    while (skipped.length) yield skipped.shift()!.item;
    const line = tracker.lineOfRecordAt(lastEnd);
    yield { line, problem: { field: '', reason: `is not valid CSV: ${describe(err)}` }, fatal: true };
    return;
  }
  while (skipped.length) yield skipped.shift()!.item;
}

async function* decodedChunks(stream: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let first = true;
  for await (const chunk of stream) {
    let text = decoder.write(chunk);
    if (first && text.length) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

const asRecord = (value: unknown, line: number): SourceItem =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? { line, record: value as Record<string, unknown> }
    : { line, problem: { field: '', reason: 'is not a JSON object' } };

const parseJsonRecord = (text: string, line: number): SourceItem => {
  try {
    return asRecord(JSON.parse(text), line);
  } catch (err) {
    return { line, problem: { field: '', reason: `is not valid JSON: ${describe(err)}` } };
  }
};

/** JSON Lines: one JSON object per line; blank lines are skipped. */
async function* jsonlItems(stream: AsyncIterable<Buffer>): AsyncGenerator<SourceItem> {
  let line = 0;
  let carry = '';
  const emit = (text: string): SourceItem | null => {
    line++;
    const t = text.endsWith('\r') ? text.slice(0, -1) : text;
    return t.trim() === '' ? null : parseJsonRecord(t, line);
  };
  for await (const chunk of decodedChunks(stream)) {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
      const item = emit(carry + chunk.slice(start, nl));
      carry = '';
      start = nl + 1;
      if (item) yield item;
    }
    carry += chunk.slice(start);
    if (carry.length > MAX_RECORD_SIZE) {
      yield {
        line: line + 1,
        problem: { field: '', reason: `is longer than ${MAX_RECORD_SIZE} characters: the file could not be read from here on` },
        fatal: true,
      };
      return;
    }
  }
  if (carry) {
    const item = emit(carry);
    if (item) yield item;
  }
}

/**
 * A JSON file holding one array of records, read element by element: a small scanner finds where
 * each element starts and ends (outside strings), and only that element's text is parsed. Its
 * line is where the element starts.
 */
async function* jsonArrayItems(stream: AsyncIterable<Buffer>): AsyncGenerator<SourceItem> {
  const NOT_AN_ARRAY = 'a .json file must hold one array of records: [ {...}, {...} ] (use .jsonl for one record per line)';
  let state: 'before' | 'between' | 'element' | 'after' = 'before';
  let line = 1;
  let elementLine = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let parts: string[] = [];
  let partsLength = 0;

  for await (const chunk of decodedChunks(stream)) {
    let elementStart = state === 'element' ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 0x0a) line++;
      if (state === 'element') {
        if (inString) {
          if (escaped) escaped = false;
          else if (c === 0x5c /* \ */) escaped = true;
          else if (c === 0x22 /* " */) inString = false;
          continue;
        }
        if (c === 0x22) inString = true;
        else if (c === 0x7b /* { */ || c === 0x5b /* [ */) depth++;
        else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
          if (depth > 0) {
            depth--;
            continue;
          }
        }
        if (depth === 0 && (c === 0x2c /* , */ || c === 0x5d) /* ] */) {
          parts.push(chunk.slice(elementStart, i));
          const text = parts.join('');
          parts = [];
          partsLength = 0;
          yield parseJsonRecord(text, elementLine);
          state = c === 0x2c ? 'between' : 'after';
          elementStart = -1;
        }
        continue;
      }
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
      if (state === 'before') {
        if (c !== 0x5b) {
          yield { line, problem: { field: '', reason: NOT_AN_ARRAY }, fatal: true };
          return;
        }
        state = 'between';
      } else if (state === 'between') {
        if (c === 0x5d) {
          state = 'after';
          continue;
        }
        if (c === 0x2c) continue;
        state = 'element';
        elementLine = line;
        elementStart = i;
        depth = 0;
        i--; // scan this character again, as the element's first
      } else {
        yield { line, problem: { field: '', reason: 'unexpected text after the closing ] of the array' }, fatal: true };
        return;
      }
    }
    if (state === 'element') {
      parts.push(chunk.slice(elementStart));
      partsLength += chunk.length - elementStart;
      if (partsLength > MAX_RECORD_SIZE) {
        yield {
          line: elementLine,
          problem: { field: '', reason: `is larger than ${MAX_RECORD_SIZE} characters: the file could not be read from here on` },
          fatal: true,
        };
        return;
      }
    }
  }
  const end = state as string; // (assigned inside the loop)
  if (end === 'before') yield { line, problem: { field: '', reason: NOT_AN_ARRAY }, fatal: true };
  else if (end !== 'after')
    yield {
      line: end === 'element' ? elementLine : line,
      problem: { field: '', reason: 'the array is not closed with ]: the file ends early' },
      fatal: true,
    };
}
