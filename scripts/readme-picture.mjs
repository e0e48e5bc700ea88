// Renders the first page of the first article's PDF edition to docs/first-page.png for the
// README (needs pdftoppm, Debian's poppler-utils). Run after `npm run build`.
import { execFileSync } from 'node:child_process';

execFileSync('pdftoppm', [
  '-r',
  '60',
  '-f',
  '1',
  '-l',
  '1',
  '-singlefile',
  '-png',
  'output/kazakhstan-france-relations.pdf',
  'docs/first-page',
]);
