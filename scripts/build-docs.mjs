// Writes docs/rules.md from the rule modules, and the rule ids of the configuration
// schema (citeproof.schema.json), so neither can drift from the rules (run after
// `tsc`: it reads dist/; CI checks both are fresh).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { rulesDocument } from '../dist/rules/docs.js';
import { rules } from '../dist/rules/index.js';

writeFileSync(new URL('../docs/rules.md', import.meta.url), rulesDocument());

const schemaFile = new URL('../citeproof.schema.json', import.meta.url);
const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
schema.properties.rules.properties = Object.fromEntries(
  rules.map((rule) => [rule.meta.id, { $ref: '#/$defs/severity' }]),
);
const options = await prettier.resolveConfig(fileURLToPath(schemaFile));
writeFileSync(
  schemaFile,
  await prettier.format(JSON.stringify(schema), {
    ...options,
    filepath: fileURLToPath(schemaFile),
  }),
);
