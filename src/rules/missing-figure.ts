import { figureFolder, figureProblem, figureUses } from '../figures/index.js';
import { defineRule } from './rule.js';

/** An image the article shows that is missing, unreadable, not an image, too large, or outside the article's folder. */
export const missingFigure = defineRule(
  {
    id: 'missing-figure',
    severity: 'error',
    description:
      'An image the article shows that is missing, unreadable, not a PNG or JPEG, damaged or cut short, too large, or outside the source folder.',
    help: 'Figures are embedded in the PDF from files beside the article: a path relative to the article, inside its folder (no `..`, no symlink out), a whole PNG or JPEG file (its header, image data and end present) of at most 10 MB. The PDF never fetches from the network, so a remote image is an error too. An article with a broken figure is not published.',
    examples: [
      {
        title: 'An image beside the article',
        markdown: '![The first page of the PDF edition](docs/first-page.png)\n',
        expected: [],
      },
      {
        title: 'A missing, a remote and an escaping image',
        markdown:
          '![Chart](charts/missing.png)\n\n![Logo](https://example.org/logo.png)\n\n![Key](../secret.png)\n',
        expected: [
          '1:1-1:29: Unexpected missing image `charts/missing.png`, expected a PNG or JPEG file at that path, relative to the article',
          '3:1-3:38: Unexpected remote image `https://example.org/logo.png`, expected a file beside the article (the PDF never fetches from the network)',
          '5:1-5:22: Unexpected image `../secret.png` outside the article’s folder, expected a file in it or below it',
        ],
      },
    ],
  },
  (tree, file) => {
    // The path policy is figures/'s: the run reads the PDF's figures with the same one.
    const folder = figureFolder(file.cwd, file.path);
    for (const { node, url } of figureUses(tree)) {
      const problem = figureProblem(url, folder);
      if (problem !== undefined) file.message(problem, { place: node.position });
    }
  },
);
