import { Readable } from 'node:stream';
import { readRecords, type ImportFormat, type SourceItem } from '../src/import/record-sources';

/** Feeds the text in chunks of `chunk` bytes, so records and multi-byte characters straddle chunks. */
async function read(text: string, format: ImportFormat, chunk = 1 << 16): Promise<SourceItem[]> {
  const bytes = Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) parts.push(bytes.subarray(i, i + chunk));
  const out: SourceItem[] = [];
  for await (const item of readRecords(Readable.from(parts), format).items) out.push(item);
  return out;
}

/** A problem whose reason starts with the text. */
const bad = (start: string) => expect.stringMatching(new RegExp(`^! ${start.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));

const lines = (items: SourceItem[]) =>
  items.map((i) => [i.line, 'record' in i ? i.record.id : 'header' in i ? 'header' : `! ${i.problem.reason}`]);

describe.each([1, 7, 1 << 16])('import readers, fed in chunks of %i bytes', (chunk) => {
  it('CSV: BOM, quoted commas and quotes, line breaks inside quotes, empty lines, CJK text', async () => {
    const csv = '\uFEFFid,name,note\n\ncus_a,"China Mobile, Urumqi",x\ncus_b,"two\nlines ""quoted""",乌鲁木齐\n\n\ncus_c,C,\n';
    const items = await read(csv, 'csv', chunk);
    expect(lines(items)).toEqual([
      [1, 'header'],
      [3, 'cus_a'],
      [4, 'cus_b'],
      [8, 'cus_c'],
    ]);
    expect(items[0]).toEqual({ line: 1, header: ['id', 'name', 'note'] });
    expect(items[1]).toEqual({ line: 3, record: { id: 'cus_a', name: 'China Mobile, Urumqi', note: 'x' } });
    expect(items[2]).toEqual({ line: 4, record: { id: 'cus_b', name: 'two\nlines "quoted"', note: '乌鲁木齐' } });
    expect(items[3]).toEqual({ line: 8, record: { id: 'cus_c', name: 'C', note: '' } });
  });

  it('CSV with CRLF line ends keeps physical line numbers after multi-line fields', async () => {
    const csv = 'id,name\r\ncus_a,"one\r\ntwo\r\nthree"\r\ncus_b,B\r\n\r\ncus_c,C';
    const items = await read(csv, 'csv', chunk);
    expect(lines(items)).toEqual([
      [1, 'header'],
      [2, 'cus_a'],
      [5, 'cus_b'],
      [7, 'cus_c'],
    ]);
    expect(items[1]).toMatchObject({ record: { name: 'one\r\ntwo\r\nthree' } });
  });

  it('CSV: a record with the wrong number of fields is a row problem; an unclosed quote ends the file', async () => {
    const items = await read('id,name\ncus_a,A,extra\ncus_b,B\ncus_c,"never closed\ncus_d,D\n', 'csv', chunk);
    expect(lines(items)).toEqual([
      [1, 'header'],
      [2, bad('has 3 fields, the header')],
      [3, 'cus_b'],
      [4, bad('a quoted field is never')],
    ]);
    expect(items[3]).toMatchObject({ fatal: true });
  });

  it('JSON Lines: BOM, CRLF, blank lines, a broken line and a non-object', async () => {
    const items = await read('\uFEFF{"id":"cus_a"}\r\n\r\n{"id":"cus_b","name":"x\\ny"}\n{broken\n[1,2]\n{"id":"cus_c"}', 'jsonl', chunk);
    expect(lines(items)).toEqual([
      [1, 'cus_a'],
      [3, 'cus_b'],
      [4, bad('is not valid JSON: Expe')],
      [5, bad('is not a JSON object')],
      [6, 'cus_c'],
    ]);
    expect(items[1]).toEqual({ line: 3, record: { id: 'cus_b', name: 'x\ny' } });
  });

  it('JSON array: each element with the line it starts on; brackets, commas and quotes inside strings', async () => {
    const json =
      '\uFEFF[\n  {"id": "cus_a", "name": "a, [b] {c}", "q": "say \\"]\\", ok"},\n  {\n    "id": "cus_b",\n    "skills": ["x", "y"],\n    "nested": {"k": [1, {"z": "}"}]}\n  },\n  {"id" "cus_bad"},\n  "text",\n  {"id": "乌鲁木齐"}\n]\n';
    const items = await read(json, 'json', chunk);
    expect(lines(items)).toEqual([
      [2, 'cus_a'],
      [3, 'cus_b'],
      [8, bad('is not valid JSON: Expe')],
      [9, bad('is not a JSON object')],
      [10, '乌鲁木齐'],
    ]);
    expect(items[0]).toEqual({ line: 2, record: { id: 'cus_a', name: 'a, [b] {c}', q: 'say "]", ok' } });
    expect(items[1]).toEqual({ line: 3, record: { id: 'cus_b', skills: ['x', 'y'], nested: { k: [1, { z: '}' }] } } });
  });

  it('JSON: a file that is not one array, or that ends early, is refused with the line', async () => {
    expect(await read('{"id": "cus_a"}', 'json', chunk)).toEqual([
      { line: 1, problem: { field: '', reason: expect.stringMatching(/must hold one array/) }, fatal: true },
    ]);
    expect(lines(await read('[\n{"id": "cus_a"},\n{"id": "cus_b"', 'json', chunk))).toEqual([
      [2, 'cus_a'],
      [3, bad('the array is not closed')],
    ]);
    expect(lines(await read('[{"id": "cus_a"}]\n\n[]', 'json', chunk))).toEqual([
      [1, 'cus_a'],
      [3, bad('unexpected text after t')],
    ]);
    expect(await read('  [ ]  ', 'json', chunk)).toEqual([]);
  });
});
