/**
 * Starts a real Neo4j 5.26 Community server for tests, CI and local use,
 * without Docker: Maven fetches the embedded-database jars from Maven Central
 * into .cache/neo4j/lib, and scripts/neo4j/Launcher.java opens a Bolt port on
 * 127.0.0.1 that neo4j-driver talks to like any server.
 *
 * Requirements: Java 17+ (`java` on PATH, or JAVA_HOME) and, the first time
 * only, Maven (`mvn`). Maven's local repository is Maven's own default
 * (~/.m2/repository, or whatever MAVEN_OPTS=-Dmaven.repo.local=… says), so
 * the ~155 MB download is shared by every clone on the machine; only the
 * copied jars live under .cache/.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';

const SCRIPT_DIR = import.meta.dirname;
export const REPO_ROOT = path.resolve(SCRIPT_DIR, '..', '..');
export const NEO4J_CACHE_DIR = path.join(REPO_ROOT, '.cache', 'neo4j');
const LIB_DIR = path.join(NEO4J_CACHE_DIR, 'lib');
const MARKER_FILE = path.join(LIB_DIR, '.complete.json');
const POM_FILE = path.join(SCRIPT_DIR, 'pom.xml');
const LAUNCHER_FILE = path.join(SCRIPT_DIR, 'Launcher.java');

const DEFAULT_READY_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 30_000;
const DEFAULT_HEAP = '2g';
const STDERR_TAIL_LINES = 40;

// Flags that Neo4j 5's own neo4j.conf passes to the JVM; without them Netty
// and the page cache can fail on Java 17 with a LinkageError on DirectByteBuffer.
const JVM_FLAGS = [
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
  // Die fast and visibly rather than limp on after an OutOfMemoryError.
  '-XX:+ExitOnOutOfMemoryError',
];

export interface StartOptions {
  /** Bolt port on 127.0.0.1; a free one is picked when omitted. */
  port?: number;
  /** Database home; an existing one is reopened with its data. Relative paths are taken from the repo root. */
  home?: string;
  /** JVM max heap, e.g. "512m" or "2g"; defaults to $NEO4J_HEAP, then 2g. */
  heap?: string;
  /** Require user "neo4j" with this password (8+ characters); defaults to $NEO4J_PASSWORD, else auth is off. */
  password?: string;
  /** How long to wait for the ready line; 120 s by default, which a loaded 2-core machine needs. */
  readyTimeoutMs?: number;
}

export interface Neo4jServer {
  uri: string;
  port: number;
  pid: number;
  /** Absolute database home: pass it back to startNeo4j to reopen the same database. */
  home: string;
  /** Settles when the JVM exits, whether through stop() or not. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then SIGKILL after 30 s; safe to call more than once. */
  stop(): Promise<void>;
}

/** True when a Java 17+ runtime can be started. */
export function javaAvailable(): boolean {
  const result = spawnSync(javaCommand(), ['-version'], { encoding: 'utf8' });
  if (result.status !== 0) return false;
  // `java -version` prints e.g. `openjdk version "17.0.15"` (or "1.8.0_…" for Java 8) on stderr.
  const match = /version "(\d+)(?:\.(\d+))?/.exec(result.stderr);
  if (!match) return false;
  const major = match[1] === '1' ? Number(match[2]) : Number(match[1]);
  return major >= 17;
}

/** True when Maven can be started; it is needed only to fill the jar cache. */
export function mavenAvailable(): boolean {
  return spawnSync('mvn', ['-v'], { encoding: 'utf8' }).status === 0;
}

/** True when the jar cache is complete and matches the current pom.xml. */
export function neo4jJarsReady(): boolean {
  try {
    const marker = JSON.parse(readFileSync(MARKER_FILE, 'utf8')) as { pomSha256?: string; jars?: string[] };
    return (
      marker.pomSha256 === pomDigest() &&
      Array.isArray(marker.jars) &&
      marker.jars.length > 0 &&
      marker.jars.every((jar) => existsSync(path.join(LIB_DIR, jar)))
    );
  } catch {
    return false;
  }
}

let jarsInFlight: Promise<string> | undefined;

/**
 * Makes sure .cache/neo4j/lib holds the jars that pom.xml names, downloading
 * them with Maven when missing, incomplete or from another pom; returns the
 * lib directory.
 */
export function ensureNeo4jJars(): Promise<string> {
  if (neo4jJarsReady()) return Promise.resolve(LIB_DIR);
  // Concurrent callers in one process share one download; other processes
  // (vitest runs test files in parallel workers) queue on a lock file.
  jarsInFlight ??= withDownloadLock(async () => (neo4jJarsReady() ? LIB_DIR : downloadJars())).finally(() => {
    jarsInFlight = undefined;
  });
  return jarsInFlight;
}

async function downloadJars(): Promise<string> {
  if (!mavenAvailable()) {
    throw new Error('Neo4j jars are not cached in .cache/neo4j/lib and Maven (`mvn`) is not available to fetch them.');
  }
  // Copy into a private staging dir, then swap it in: a half-finished copy,
  // or a leftover jar from a previous Neo4j version, must never end up on the
  // launcher's classpath.
  const staging = mkdtempSync(path.join(NEO4J_CACHE_DIR, 'lib-staging-'));
  try {
    process.stderr.write('[neo4j] fetching Neo4j jars with Maven (about 125 MB the first time)…\n');
    const output = await run('mvn', ['-B', '-q', '-f', POM_FILE, 'dependency:copy-dependencies', `-DoutputDirectory=${staging}`]);
    if (output.code !== 0) {
      throw new Error(`Maven could not fetch the Neo4j jars (exit ${output.code}):\n${tail(output.text, STDERR_TAIL_LINES)}`);
    }
    const jars = readdirSync(staging)
      .filter((name) => name.endsWith('.jar'))
      .sort();
    if (jars.length === 0) throw new Error('Maven succeeded but copied no jars.');
    writeFileSync(path.join(staging, path.basename(MARKER_FILE)), JSON.stringify({ pomSha256: pomDigest(), jars }, null, 2) + '\n');
    rmSync(LIB_DIR, { recursive: true, force: true });
    renameSync(staging, LIB_DIR);
    return LIB_DIR;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Runs `work` while holding .cache/neo4j/lib.lock. Two Maven processes
 * sharing one local repository can corrupt each other's downloads, and two
 * swaps of lib/ could pull it from under a starting JVM.
 */
async function withDownloadLock<T>(work: () => Promise<T>): Promise<T> {
  mkdirSync(NEO4J_CACHE_DIR, { recursive: true });
  const lock = path.join(NEO4J_CACHE_DIR, 'lib.lock');
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    // An empty file is a lock being written right now: treat it as held.
    const holder = Number(readTail(lock, 1)) || 0;
    if (holder && !processAlive(holder)) {
      rmSync(lock, { force: true }); // left behind by a crashed process
      continue;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Children still running, so that they can be told to stop when Node exits. */
const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Only synchronous work is possible here: send SIGTERM and let the JVM
  // shut the store down on its own. The launcher also exits when its stdin
  // closes, which covers a parent that dies without running this hook.
  process.on('exit', () => {
    for (const child of liveChildren) child.kill('SIGTERM');
  });
}

/**
 * Starts Neo4j and resolves once it has committed a transaction and its Bolt
 * port accepts connections.
 */
export async function startNeo4j(opts: StartOptions = {}): Promise<Neo4jServer> {
  const libDir = await ensureNeo4jJars();
  const heap = opts.heap ?? process.env.NEO4J_HEAP ?? DEFAULT_HEAP;
  // The value becomes a JVM flag: accept only a size, never arbitrary text.
  if (!/^\d+[kmgKMG]?$/.test(heap)) throw new Error(`Invalid heap size "${heap}" (expected e.g. 512m or 2g)`);
  if (opts.port !== undefined && !(Number.isInteger(opts.port) && opts.port > 0 && opts.port < 65_536)) {
    throw new Error(`Invalid Bolt port: ${opts.port}`);
  }

  // A port picked by freePort() can be taken by someone else before the JVM
  // binds it; only then is trying another one the right answer.
  for (let attempt = 1; ; attempt++) {
    const port = opts.port ?? (await freePort());
    let home: string;
    if (opts.home) {
      home = path.resolve(REPO_ROOT, opts.home);
      mkdirSync(home, { recursive: true });
    } else {
      mkdirSync(NEO4J_CACHE_DIR, { recursive: true });
      home = mkdtempSync(path.join(NEO4J_CACHE_DIR, `run-${port}-`));
    }
    try {
      return await launch({
        libDir,
        port,
        home,
        heap,
        password: opts.password,
        readyTimeoutMs: opts.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS,
      });
    } catch (error) {
      // A home made for this attempt holds nothing worth keeping.
      if (!opts.home) rmSync(home, { recursive: true, force: true });
      const retry = opts.port === undefined && attempt < 3 && error instanceof PortInUseError;
      if (!retry) throw error;
    }
  }
}

class PortInUseError extends Error {}

interface LaunchSpec {
  libDir: string;
  port: number;
  home: string;
  heap: string;
  password: string | undefined;
  readyTimeoutMs: number;
}

async function launch({ libDir, port, home, heap, password, readyTimeoutMs }: LaunchSpec): Promise<Neo4jServer> {
  const env = { ...process.env };
  if (password !== undefined) env.NEO4J_PASSWORD = password;

  installExitHook();
  const child = spawn(
    javaCommand(),
    [...JVM_FLAGS, `-Xmx${heap}`, '-Dsecretum.neo4j.exitOnStdinEof=true', '-cp', path.join(libDir, '*'), LAUNCHER_FILE, String(port), home],
    { cwd: REPO_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  liveChildren.add(child);

  const stderrLines: string[] = [];
  // Always drain both pipes: a full pipe would block the JVM.
  createInterface({ input: child.stderr! }).on('line', (line) => {
    stderrLines.push(line);
    if (stderrLines.length > STDERR_TAIL_LINES) stderrLines.shift();
  });
  const stdout = createInterface({ input: child.stdout! });

  // 'close' rather than 'exit': it waits for the pipes to drain, so the
  // stderr tail is complete when a failed start is reported.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, signal) => {
      liveChildren.delete(child);
      resolve({ code, signal });
    });
  });

  const failure = (what: string): Error => {
    const parts = [`Neo4j on port ${port} ${what}.`];
    if (stderrLines.length > 0) parts.push(`--- launcher stderr (tail) ---\n${stderrLines.join('\n')}`);
    const debugLog = path.join(home, 'logs', 'debug.log');
    const debugTail = readTail(debugLog, 20);
    if (debugTail) parts.push(`--- ${debugLog} (tail) ---\n${debugTail}`);
    const message = parts.join('\n');
    return stderrLines.some((line) => line.includes('Address already in use')) ? new PortInUseError(message) : new Error(message);
  };

  const uri = await new Promise<string>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stdout.removeAllListeners('line');
      fn();
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      // Wait for the pipes so that the report includes everything said.
      void exited.then(() => settle(() => reject(failure(`was not ready after ${readyTimeoutMs / 1000} s`))));
    }, readyTimeoutMs);
    child.once('error', (error) => settle(() => reject(failure(`could not be started (${error.message})`))));
    void exited.then(({ code, signal }) => settle(() => reject(failure(`exited before it was ready (code ${code}, signal ${signal})`))));
    stdout.on('line', (line) => {
      const match = /^NEO4J_READY (bolt:\/\/\S+)$/.exec(line.trim());
      if (match) settle(() => resolve(match[1]));
    });
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (!liveChildren.has(child)) return;
      child.kill('SIGTERM');
      const killTimer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      try {
        await exited;
      } finally {
        clearTimeout(killTimer);
      }
    })();
    return stopping;
  };

  return { uri, port, pid: child.pid!, home, exited, stop };
}

/** Asks the OS for a free port on 127.0.0.1 and releases it at once. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('Could not pick a free port'))));
    });
  });
}

function javaCommand(): string {
  // Same rule as Maven: JAVA_HOME wins over PATH.
  const javaHome = process.env.JAVA_HOME;
  return javaHome ? path.join(javaHome, 'bin', 'java') : 'java';
}

function pomDigest(): string {
  return createHash('sha256').update(readFileSync(POM_FILE)).digest('hex');
}

function run(command: string, args: string[]): Promise<{ code: number | null; text: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (chunk) => (text += chunk));
    child.stderr.on('data', (chunk) => (text += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, text }));
  });
}

function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

function readTail(file: string, lines: number): string {
  try {
    return tail(readFileSync(file, 'utf8'), lines);
  } catch {
    return '';
  }
}
