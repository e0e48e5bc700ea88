// Writes docs/rules.md from the rule modules (run after `tsc`: it reads dist/).
import { writeFileSync } from 'node:fs';
import { rulesDocument } from '../dist/rules/docs.js';

writeFileSync(new URL('../docs/rules.md', import.meta.url), rulesDocument());
