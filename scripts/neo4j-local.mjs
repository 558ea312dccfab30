#!/usr/bin/env node
// `npm run neo4j`: builds neo4j-local/ with Maven and starts Neo4j Community in the background
// (pid file neo4j-local/neo4j-<port>.pid, log neo4j-local/neo4j-<port>.log), returning once Bolt accepts connections.
// `npm run neo4j -- --stop` stops it (SIGTERM, clean shutdown).
// Environment: NEO4J_PASSWORD (default rapport-dev-password), NEO4J_LOCAL_PORT (default 7687),
// NEO4J_LOCAL_DATA (default neo4j-local/data, or data-<port> for a port other than 7687), NEO4J_LOCAL_HEAP (default 1g).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'neo4j-local');
const port = Number(process.env.NEO4J_LOCAL_PORT ?? 7687);
// One pid file and log per port: two local servers (e.g. tests and a benchmark) can run side by side.
const pidFile = join(dir, `neo4j-${port}.pid`);
const logFile = join(dir, `neo4j-${port}.log`);
const password = process.env.NEO4J_PASSWORD ?? 'rapport-dev-password';

function fail(line) {
  console.error(line);
  process.exit(1);
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function runningPid() {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  return pid > 0 && alive(pid) ? pid : undefined;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function stop() {
  const pid = runningPid();
  if (!pid) {
    rmSync(pidFile, { force: true });
    console.log('neo4j-local is not running');
    return;
  }
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 600 && alive(pid); i++) await sleep(100);
  if (alive(pid)) {
    process.kill(pid, 'SIGKILL');
    console.log(`neo4j-local (pid ${pid}) did not stop within 60 s: killed`);
  } else {
    console.log(`neo4j-local (pid ${pid}) stopped`);
  }
  rmSync(pidFile, { force: true });
}

function newer(a, b) {
  return statSync(a).mtimeMs > statSync(b).mtimeMs;
}

function build() {
  const classpath = join(dir, 'target', 'classpath.txt');
  const sources = [join(dir, 'pom.xml'), join(dir, 'src', 'main', 'java', 'rapport', 'Neo4jLocal.java')];
  if (existsSync(classpath) && sources.every((s) => !newer(s, classpath))) return classpath;
  console.log('neo4j-local: building with Maven (the first build downloads Neo4j into ~/.m2)');
  const r = spawnSync('mvn', ['-q', '-B', '-f', join(dir, 'pom.xml'), 'compile'], { stdio: 'inherit' });
  if (r.status !== 0) fail('neo4j-local: the Maven build failed (see above)');
  return classpath;
}

async function start() {
  const pid = runningPid();
  if (pid) {
    console.log(`neo4j-local is already running (pid ${pid}); NEO4J_URI=neo4j://127.0.0.1:${port}`);
    return;
  }
  if (spawnSync('mvn', ['-v'], { stdio: 'ignore' }).status !== 0)
    fail('neo4j-local: Maven (mvn) is not installed or does not run; install Maven 3 or use `docker compose up -d`');
  if (spawnSync('java', ['-version'], { stdio: 'ignore' }).status !== 0)
    fail('neo4j-local: Java (java) is not installed or does not run; install Java 17 or use `docker compose up -d`');
  if (password.length < 8) fail('neo4j-local: NEO4J_PASSWORD must have 8 characters or more');

  const classpath = build();
  const cp = `${join(dir, 'target', 'classes')}:${readFileSync(classpath, 'utf8').trim()}`;
  const heap = process.env.NEO4J_LOCAL_HEAP ?? '1g';
  writeFileSync(logFile, '');
  const out = openSync(logFile, 'a');
  const child = spawn('java', [`-Xmx${heap}`, '-XX:+UseG1GC', '-cp', cp, 'rapport.Neo4jLocal'], {
    cwd: dir,
    detached: true,
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      NEO4J_PASSWORD: password,
      NEO4J_LOCAL_PORT: String(port),
      NEO4J_LOCAL_DATA: process.env.NEO4J_LOCAL_DATA ?? join(dir, port === 7687 ? 'data' : `data-${port}`),
    },
  });
  writeFileSync(pidFile, String(child.pid));
  child.unref();

  const started = Date.now();
  while (Date.now() - started < 180_000) {
    const log = readFileSync(logFile, 'utf8');
    const ready = log.split('\n').find((l) => l.startsWith('neo4j-local ready'));
    if (ready) {
      console.log(`${ready} (pid ${child.pid}, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
      console.log(`NEO4J_URI=neo4j://127.0.0.1:${port} NEO4J_PASSWORD=${password === 'rapport-dev-password' ? password : '<yours>'}`);
      return;
    }
    if (!alive(child.pid)) {
      rmSync(pidFile, { force: true });
      fail(`neo4j-local: the server exited before it was ready; last lines of ${logFile}:\n${log.split('\n').slice(-15).join('\n')}`);
    }
    await sleep(200);
  }
  process.kill(child.pid, 'SIGKILL');
  rmSync(pidFile, { force: true });
  fail(`neo4j-local: not ready within 180 s (see ${logFile})`);
}

await (process.argv.includes('--stop') ? stop() : start());
