import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EMBEDDED_FILE, EmbeddedStore } from '../src/graph/embedded-store';
import { bootstrapSchema } from '../src/graph/bootstrap';

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'rapport-store-'));

describe('embedded store on disk', () => {
  it('keeps the data when it is closed and opened again', async () => {
    const dir = tempDir();
    const first = EmbeddedStore.open(dir);
    await bootstrapSchema(first);
    await first.write('CREATE (:Customer {id: "kept", name: "China Mobile Urumqi"})');
    await first.close();

    const second = EmbeddedStore.open(dir);
    expect(await second.read('MATCH (c:Customer) RETURN c.name AS name')).toEqual([{ name: 'China Mobile Urumqi' }]);
    // The constraints survive too.
    await expect(second.write('CREATE (:Customer {id: "kept"})')).rejects.toMatchObject({ kind: 'CONFLICT' });
    await second.close();
  });

  it('refuses a data directory that this process already holds, naming the path', async () => {
    const dir = tempDir();
    const first = EmbeddedStore.open(dir);
    try {
      expect(() => EmbeddedStore.open(dir)).toThrow(new RegExp(`${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*in use by another`));
    } finally {
      await first.close();
    }
  });

  it('refuses a data directory that another process holds', async () => {
    const dir = tempDir();
    const holder = EmbeddedStore.open(dir);
    await holder.write('CREATE (:Customer {id: "x"})');
    await holder.close();
    // Another process opens the same file with the engine directly and keeps it open.
    const script = `
      const { GrafeoDB } = require(${JSON.stringify(require.resolve('@grafeo-db/js'))});
      const db = GrafeoDB.open(${JSON.stringify(path.join(dir, EMBEDDED_FILE))});
      process.stdout.write('holding\\n');
      setInterval(() => {}, 1000);`;
    const child: ChildProcess = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout!.once('data', () => resolve());
        child.once('exit', (code) => reject(new Error(`holder exited with ${code}`)));
      });
      expect(() => EmbeddedStore.open(dir)).toThrow(/in use by another Rapport process/);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('refuses a damaged database file and leaves it untouched', () => {
    const dir = tempDir();
    const file = path.join(dir, EMBEDDED_FILE);
    writeFileSync(file, 'not a database'.repeat(50));
    expect(() => EmbeddedStore.open(dir)).toThrow(new RegExp(`${EMBEDDED_FILE}.*damaged or is not a Rapport database`));
    expect(readFileSync(file, 'utf8')).toBe('not a database'.repeat(50));
  });

  it('refuses a data directory path that is a file', () => {
    const dir = tempDir();
    const notDir = path.join(dir, 'plain-file');
    writeFileSync(notDir, 'x');
    expect(() => EmbeddedStore.open(notDir)).toThrow(/is a file, not a directory/);
  });

  it('creates a missing data directory', async () => {
    const dir = path.join(tempDir(), 'nested', 'data');
    const store = EmbeddedStore.open(dir);
    await store.write('CREATE (:Customer {id: "n"})');
    await store.close();
    mkdirSync(dir, { recursive: true });
    const again = EmbeddedStore.open(dir);
    expect(await again.read('MATCH (c:Customer) RETURN count(c) AS n')).toEqual([{ n: 1 }]);
    await again.close();
  });

  it('refuses statements after it is closed', async () => {
    const store = EmbeddedStore.inMemory();
    await store.close();
    await expect(store.read('RETURN 1 AS x')).rejects.toMatchObject({ kind: 'UNAVAILABLE' });
  });
});
