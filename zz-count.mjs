import { readdirSync, readFileSync } from 'node:fs';
import { segmentedParse } from './dist/parse/segments.js';
import { fastParse } from './dist/parse/fast-parse.js';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml','toml']).freeze();
const dir = process.argv[2];
let runs = 0, bytes = 0, ms = 0, whole = 0, files = 0, sizes = [];
for (const name of readdirSync(dir).filter(n => n.endsWith('.md'))) {
  const text = readFileSync(`${dir}/${name}`, 'utf8'); files++;
  if (fastParse(text)) { whole++; continue; }
  segmentedParse(text, (t) => { runs++; bytes += t.length; sizes.push(t.length); const s = performance.now(); const r = parser.parse(t); ms += performance.now() - s; return r; });
}
sizes.sort((a,b)=>a-b);
console.log({ files, whole, runs, bytes, ms: ms.toFixed(0), medianSize: sizes[sizes.length>>1], p90: sizes[Math.floor(sizes.length*0.9)] });
