import { isAfter } from '../model/dates.js';
import { notesOf } from '../model/notes.js';
import { accessLabel } from '../model/source-entry.js';
import { defineRule } from './rule.js';

/** An access date that is not a real calendar date, or lies after the build date. */
export const invalidAccessDate = defineRule(
  {
    id: 'invalid-access-date',
    severity: 'error',
    description: 'An access date that is not a real calendar date, or lies after the build date.',
    help: 'The access date says when the source was read. Dates are read in the forms editors write: `01.12.2022`, `2022-12-01`, `1 December 2022`, `December 1, 2022`, Turkish `1 Aralık 2022` and Russian `1 декабря 2022`, after a label (`Date of Accession:`, `accessed`, `Erişim Tarihi:`, `дата обращения:`) or in parentheses closing the entry. A date that does not exist (`31.02.2022`) or lies in the future is a typo.',
    examples: [
      {
        title: 'Real dates, in several forms',
        markdown:
          'One.[^1] Two.[^2]\n\n[^1]: Jane Doe, “A Title”, (Date of Accession: 01.12.2022).\n[^2]: Иван Петров, «Заголовок», (дата обращения: 1 декабря 2022).\n',
        expected: [],
      },
      {
        title: 'A day that does not exist',
        markdown: 'One.[^1]\n\n[^1]: Jane Doe, “A Title”, (Date of Accession: 31.02.2022).\n',
        expected: [
          '3:1-3:60: Unexpected access date `31.02.2022` in source entry `1`, which is not a real calendar date, expected a date such as `01.12.2022`',
        ],
      },
    ],
  },
  (tree, file, { today }) => {
    for (const note of notesOf(tree, String(file))) {
      const date = note.entry.accessDate;
      const place = note.definition.position;
      if (!date) {
        const label = accessLabel.exec(note.entry.text);
        if (label) {
          file.message(
            `Unexpected \`${label[1] ?? label[0]}\` without a date in source entry \`${note.label}\`, expected a date such as \`01.12.2022\``,
            { place },
          );
        }
        continue;
      }
      if (!date.valid) {
        file.message(
          `Unexpected access date \`${date.text}\` in source entry \`${note.label}\`, which is not a real calendar date, expected a date such as \`01.12.2022\``,
          { place },
        );
      } else if (isAfter(date, today)) {
        file.message(
          `Unexpected access date \`${date.text}\` in source entry \`${note.label}\`, which lies after today (${today.toISOString().slice(0, 10)}), expected the day the source was read`,
          { place },
        );
      }
    }
  },
);
