import { readdirSync, readFileSync } from 'node:fs';
import { segmentedParse } from './dist/parse/segments.js';
import { fastParse } from './dist/parse/fast-parse.js';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml','toml']).freeze();
const dir = process.argv[2];
const all = [];
for (const name of readdirSync(dir).filter(n => n.endsWith('.md'))) {
  const text = readFileSync(`${dir}/${name}`, 'utf8');
  if (fastParse(text)) continue;
  segmentedParse(text, (t) => { const s = performance.now(); const r = parser.parse(t); all.push([performance.now() - s, t.length, name, t]); return r; });
}
all.sort((a,b)=>b[0]-a[0]);
let tot=0; for (const a of all) tot+=a[0];
console.log('total', tot.toFixed(0));
for (const a of all.slice(0,8)) console.log(a[0].toFixed(1), a[1], a[2], JSON.stringify(a[3].slice(0,300)));
// second pass timing (warm)
let t2=0; for (const a of all) { const s=performance.now(); parser.parse(a[3]); t2+=performance.now()-s; }
console.log('warm total', t2.toFixed(0));
