import { notesOf } from '../model/notes.js';
import { defineRule } from './rule.js';

/** Numeric labels not numbered in order of first reference. */
export const citationOrder = defineRule(
  {
    id: 'citation-order',
    severity: 'warning',
    description: 'Numeric labels not numbered in order of first reference.',
    help: 'Readers expect note 2 to come after note 1. The Markdown and PDF editions renumber notes in order of first reference anyway; renumber the source so its labels say the same.',
    examples: [
      {
        title: 'In order',
        markdown: 'One.[^1] Two.[^2] One again.[^1]\n\n[^1]: A.\n[^2]: B.\n',
        expected: [],
      },
      {
        title: 'Note 1 cited after note 2',
        markdown: 'Two.[^2] One.[^1]\n\n[^1]: A.\n[^2]: B.\n',
        expected: [
          '1:14-1:18: Unexpected first reference to note `1` after note `2`, expected numeric labels numbered in order of first reference',
        ],
      },
    ],
  },
  (tree, file) => {
    let highest: { value: number; label: string } | undefined;
    for (const note of notesOf(tree, String(file))) {
      if (!note.firstReference || !/^\d+$/.test(note.label)) continue;
      const value = Number(note.label);
      if (highest && value < highest.value) {
        file.message(
          `Unexpected first reference to note \`${note.label}\` after note \`${highest.label}\`, expected numeric labels numbered in order of first reference`,
          { place: note.firstReference.position },
        );
      } else {
        highest = { value, label: note.label };
      }
    }
  },
);
