// What the figures were measured on: they mean nothing without it.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  java?: string;
  neo4j?: string;
  commit?: string;
  /** uncommitted changes in the tree when the bench ran */
  dirty?: boolean;
}

const ROOT = resolve(import.meta.dirname, '..');

/** What a command printed (`java -version` speaks on stderr), or undefined when it failed. */
function output(command: string, args: string[]): string | undefined {
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) return undefined;
  return (result.stdout || result.stderr).trim();
}

function neo4jVersion(): string | undefined {
  try {
    const jar = readdirSync(resolve(ROOT, '.cache/neo4j/lib')).find((name) => /^neo4j-kernel-[\d.]+\.jar$/.test(name));
    return jar?.replace(/^neo4j-kernel-|\.jar$/g, '');
  } catch {
    return undefined;
  }
}

export function describeMachine(): Machine {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    java: output('java', ['-version'])?.split('\n')[0],
    neo4j: neo4jVersion(),
    commit: output('git', ['rev-parse', '--short', 'HEAD']),
    dirty: Boolean(output('git', ['status', '--porcelain'])),
  };
}

/** 1, 5 and 15 minute load averages. */
export const loadAverage = () => os.loadavg().map((x) => Math.round(x * 100) / 100) as [number, number, number];
