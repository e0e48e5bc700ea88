import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { DocxError, importDocx } from '../import/docx/index.js';
import { packageLimits } from '../import/docx/zip.js';
import { describeFsError, fatal, readErrorId } from '../read/read.js';
import { type OutputFile, writeAtomically } from '../run/write.js';

/**
 * `import FILE.docx`: the article and its figures, written atomically, or
 * nothing. An existing file with other bytes is never overwritten (it may hold
 * an editor's work). Resolves to the file to report: the written article,
 * with the import's losses at their places in it, or the input with the one
 * line that says why it could not be imported.
 */
export async function importDocxFile(
  input: string,
  cwd: string,
  out: string | undefined,
): Promise<VFile> {
  const source = new VFile({ path: input, cwd });
  const absolute = path.resolve(cwd, input);
  let bytes: Uint8Array;
  try {
    const info = await stat(absolute);
    if (info.isDirectory()) return cannot(source, 'is a folder, expected a .docx file');
    if (info.size > packageLimits.fileBytes)
      return cannot(
        source,
        `file is ${info.size} bytes, over the limit of ${packageLimits.fileBytes} bytes for one .docx`,
      );
    bytes = await readFile(absolute);
  } catch (error) {
    return cannot(source, describeFsError(error as NodeJS.ErrnoException));
  }
  const toFile = out?.endsWith('.md') ? out : undefined;
  let result;
  try {
    result = await importDocx(bytes, toFile ? { figureFolder: path.basename(toFile, '.md') } : {});
  } catch (error) {
    if (error instanceof DocxError) return cannot(source, error.message);
    throw error;
  }
  const target = path.resolve(cwd, toFile ?? path.join(out ?? 'source', `${result.slug}.md`));
  const figureFolder = path.join(
    path.dirname(target),
    toFile ? path.basename(toFile, '.md') : result.slug,
  );
  const files: OutputFile[] = [
    { path: target, content: result.markdown },
    ...result.figures.map((figure) => ({
      path: path.join(figureFolder, figure.name),
      content: figure.bytes,
    })),
  ];
  for (const file of files) {
    const existing = await readFile(file.path).catch(() => undefined);
    if (existing !== undefined && !existing.equals(Buffer.from(file.content))) {
      return fatal(
        source,
        `Cannot import: ${path.relative(cwd, file.path)} exists with other content (an editor's work?); move it away or choose --out`,
        readErrorId,
      );
    }
  }
  await writeAtomically(files);
  const article = new VFile({ path: path.relative(cwd, target), cwd });
  const figures = result.figures.length;
  article.info(
    `Imported from ${input}${figures > 0 ? `, with ${figures} figure${figures === 1 ? '' : 's'} in ${path.relative(cwd, figureFolder)}/` : ''}`,
    { ruleId: 'import', source: 'citeproof' },
  );
  for (const note of result.notes) {
    const message = article.message(note.reason, {
      ...(note.line === undefined ? {} : { place: { line: note.line, column: note.column ?? 1 } }),
      ruleId: 'import',
      source: 'citeproof',
    });
    if (note.severity === 'info') message.fatal = undefined;
  }
  return article;
}

function cannot(file: VFile, reason: string): VFile {
  return fatal(file, `Cannot import: ${reason}`, readErrorId);
}
