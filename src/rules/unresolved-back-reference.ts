import { notesOf } from '../model/notes.js';
import { defineRule } from './rule.js';

const names = {
  'op-cit': 'op. cit.',
  'loc-cit': 'loc. cit.',
  ibid: 'ibid.',
  idem: 'idem',
} as const;

/** `op. cit.`/`ibid.`/`idem`/`loc. cit.` that points at no earlier source. */
export const unresolvedBackReference = defineRule(
  {
    id: 'unresolved-back-reference',
    severity: 'error',
    description: '`op. cit.`, `ibid.`, `idem` or `loc. cit.` that points at no earlier source.',
    help: 'A back-reference must point at a source the reader has already seen, in the order notes are numbered (first reference). `op. cit.` and `loc. cit.` resolve by the author’s surname to the latest earlier note by that author; `ibid.` and `idem` to the note just before. Spellings in English/Latin (`op.cit.`, `Op. Cit.`, `Ibid.,`), Turkish (`a.g.e.`, `a.e.`) and Russian (`Указ. соч.`, `Там же`) are understood. Give the full source when there is none to point at.',
    examples: [
      {
        title: 'Resolved by author, and to the note before',
        markdown:
          'One.[^1] Two.[^2] Three.[^3]\n\n[^1]: Sabir Askeroğlu, “A Title”, ANKASAM.\n[^2]: Askeroğlu, op.cit.\n[^3]: Ibid., p. 4.\n',
        expected: [],
      },
      {
        title: 'No earlier source by that author, and nothing before',
        markdown: 'One.[^1] Two.[^2]\n\n[^1]: Ibid.\n[^2]: Smith, a.g.e.\n',
        expected: [
          '3:1-3:12: Unexpected `ibid.` in source entry `1` with no note before it, expected the full source',
          '4:1-4:20: Unexpected `op. cit.` in source entry `2` with no earlier source by `Smith`, expected an earlier note by that author or the full source',
        ],
      },
    ],
  },
  (tree, file) => {
    for (const note of notesOf(tree, String(file))) {
      const back = note.entry.backReference;
      if (!back || note.target) continue;
      const name = names[back.kind];
      const reason =
        back.kind === 'ibid' || back.kind === 'idem'
          ? `Unexpected \`${name}\` in source entry \`${note.label}\` with no note before it, expected the full source`
          : back.author
            ? `Unexpected \`${name}\` in source entry \`${note.label}\` with no earlier source by \`${back.author}\`, expected an earlier note by that author or the full source`
            : `Unexpected \`${name}\` in source entry \`${note.label}\` without an author, expected the author’s surname before it (\`Surname, ${name}\`)`;
      file.message(reason, { place: note.definition.position });
    }
  },
);
