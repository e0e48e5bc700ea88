// Renders the README's pictures (needs pdftoppm, Debian's poppler-utils): the first page of
// the first article's PDF edition (run after `npm run build`) to docs/first-page.png, and the
// first page of docs/showcase/showcase.md (a table of figures and a chart, built here into a
// scratch folder) to docs/table-and-figure.png.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const firstPage = (pdf, png) =>
  execFileSync('pdftoppm', ['-r', '60', '-f', '1', '-l', '1', '-singlefile', '-png', pdf, png]);

firstPage('output/kazakhstan-france-relations.pdf', 'docs/first-page');

const scratch = mkdtempSync(path.join(tmpdir(), 'citeproof-picture-'));
try {
  execFileSync(
    process.execPath,
    [
      'dist/cli.js',
      'build',
      'docs/showcase/showcase.md',
      '--no-cache',
      '--quiet',
      '--out',
      scratch,
    ],
    { stdio: 'inherit' },
  );
  firstPage(path.join(scratch, 'showcase.pdf'), 'docs/table-and-figure');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
