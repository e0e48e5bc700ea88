import { readFileSync, realpathSync, statSync } from 'node:fs';
import type { Root } from 'mdast';
import {
  figureFolder,
  figureTarget,
  figureUses,
  maxFigureBytes,
  vetFigure,
} from '../figures/index.js';
import { sha256 } from './hash.js';

declare module 'vfile' {
  interface DataMap {
    /**
     * The files an article's images name, each with a hash of what is there
     * (`null`: nothing readable): the article's inputs besides its text. The
     * cache serves a verdict (and skips a build) only while they are unchanged.
     */
    figureInputs: Record<string, string | null>;
  }
}

/**
 * The figure reader of an article's editions (`EditionContext.figure`): the
 * bytes of the image at `url`, vetted by the same path policy as the
 * `missing-figure` rule, or `undefined` when the policy refuses it.
 */
export function figureReader(
  cwd: string,
  articlePath: string | undefined,
): (url: string) => Uint8Array | undefined {
  const folder = figureFolder(cwd, articlePath);
  return (url) => {
    const vetted = vetFigure(url, folder);
    return 'bytes' in vetted ? vetted.bytes : undefined;
  };
}

/**
 * The files the images of `tree` name (local paths the policy allows), each
 * with `inputHash`, or `undefined` when it shows none. `text` is the article's
 * source: one without `![` shows no image, and its tree is not walked.
 */
export function figureInputs(
  tree: Root,
  text: string,
  cwd: string,
  articlePath: string | undefined,
): Record<string, string | null> | undefined {
  if (!text.includes('![')) return undefined;
  const folder = figureFolder(cwd, articlePath);
  const inputs: Record<string, string | null> = {};
  for (const { url } of figureUses(tree)) {
    const target = figureTarget(url, folder);
    if (target !== undefined && !(target in inputs)) inputs[target] = inputHash(target);
  }
  return Object.keys(inputs).length > 0 ? inputs : undefined;
}

/**
 * What the verdict and the PDF depend on of a figure's file: where it really
 * is (a symlink may point out of the folder) and its bytes; `null` when it
 * cannot be read.
 */
export function inputHash(target: string): string | null {
  try {
    // Only a regular file the policy could embed is read (never a FIFO, a device or a huge file).
    const stats = statSync(target);
    if (!stats.isFile() || stats.size > maxFigureBytes)
      return sha256(
        `${realpathSync(target)}\0not a figure: ${stats.isFile() ? stats.size : 'not a file'}`,
      );
    return sha256(Buffer.concat([Buffer.from(`${realpathSync(target)}\0`), readFileSync(target)]));
  } catch {
    return null;
  }
}

/** Whether every input recorded for an article still hashes as it did. */
export function inputsIntact(inputs: Readonly<Record<string, string | null>>): boolean {
  return Object.entries(inputs).every(([target, hash]) => inputHash(target) === hash);
}
