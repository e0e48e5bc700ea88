import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { MessageRecord } from './serialize.js';
import { toolRoot } from './tool-root.js';
import { writeAtomically } from './write.js';

/** What the cache keeps for one article: the key it was made under, its messages, its editions' hashes. */
export interface CacheEntry {
  key: string;
  messages: MessageRecord[];
  /** Editions written for it (build), by path relative to cwd, with their SHA-256. */
  editions?: Record<string, string>;
}

export interface Cache {
  /** The tool fingerprint the cache was made by; a cache of another is ignored. */
  tool: string;
  entries: Record<string, CacheEntry>;
}

const cacheFile = 'cache.json';

/**
 * A fingerprint of this build of the tool: its version and the bytes of its
 * compiled modules and bundles, so a cache from another version (or a rebuilt one) is
 * never trusted.
 */
export function toolFingerprint(): string {
  const root = toolRoot();
  const dist = path.join(root, 'dist');
  const hash = createHash('sha256');
  hash.update(readFileSync(path.join(root, 'package.json')));
  const names = existsSync(dist) ? readdirSync(dist, { recursive: true }).map(String) : [];
  for (const name of names.sort()) {
    if (/\.c?js$/.test(name)) hash.update(name).update(readFileSync(path.join(dist, name)));
  }
  return hash.digest('hex');
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Load the cache in `folder`; a missing, corrupt or foreign one is an empty cache. */
export async function loadCache(folder: string, tool: string): Promise<Cache> {
  const empty: Cache = { tool, entries: {} };
  try {
    const data = JSON.parse(await readFile(path.join(folder, cacheFile), 'utf8')) as Partial<Cache>;
    if (data.tool !== tool || typeof data.entries !== 'object' || data.entries === null)
      return empty;
    return { tool, entries: data.entries };
  } catch {
    return empty;
  }
}

/** Save the cache atomically. */
export async function saveCache(folder: string, cache: Cache): Promise<void> {
  await mkdir(folder, { recursive: true });
  await writeAtomically([{ path: path.join(folder, cacheFile), content: JSON.stringify(cache) }]);
}

/** Whether every edition a cache entry recorded is still on disk with the same bytes. */
export async function editionsIntact(
  cwd: string,
  editions: Record<string, string>,
): Promise<boolean> {
  for (const [file, hash] of Object.entries(editions)) {
    try {
      if (sha256(await readFile(path.resolve(cwd, file))) !== hash) return false;
    } catch {
      return false;
    }
  }
  return true;
}
