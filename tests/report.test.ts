import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { formats, githubCommand, report, sarif } from '../src/report/report.js';
import { rules } from '../src/rules/index.js';

/** Two checked files: one with an error (with a range) and a warning (a point), one clean. */
function checked(): VFile[] {
  const broken = new VFile({ path: 'source/a,b:c.md', value: '' });
  const error = broken.message('Unexpected `x`, 100% wrong\r\nsecond line', {
    place: { start: { line: 3, column: 5 }, end: { line: 3, column: 9 } },
    ruleId: 'undefined-reference',
    source: 'citeproof',
  });
  error.fatal = true;
  const warning = broken.message('Unexpected unused entry', {
    place: { line: 7, column: 1 },
    ruleId: 'unused-source',
    source: 'citeproof',
  });
  warning.fatal = false;
  const clean = new VFile({ path: 'source/clean.md', value: '' });
  return [broken, clean];
}

describe('reports', () => {
  it('should offer the four formats', () => {
    expect(formats).toEqual(['text', 'json', 'github', 'sarif']);
  });

  it('should write text as vfile-reporter does, without colour unless asked, and nothing when quiet and clean', () => {
    const text = report(checked(), { format: 'text' });
    expect(text).toMatch(/^source\/a,b:c\.md\n\s*3:5-3:9\s+error\s+Unexpected `x`/);
    expect(text).toMatch(/7:1\s+warning\s+Unexpected unused entry\s+unused-source/);
    expect(text).toMatch(/source\/clean\.md: no issues found/);
    expect(text).toMatch(/1 error.*1 warning.*\n$/);
    expect(text.endsWith('\n\n')).toBe(false);
    expect(text).not.toContain('\u001b[');
    expect(report(checked(), { format: 'text', color: true })).toContain('\u001b[');
    expect(report(checked(), { format: 'text', quiet: true })).not.toContain('clean.md');
    expect(report([new VFile({ path: 'ok.md' })], { format: 'text', quiet: true })).toBe('');
  });

  it('should write json as vfile-reporter-json does, one line, quiet leaving clean files out', () => {
    const all = JSON.parse(report(checked(), { format: 'json' })) as Array<{
      path: string;
      messages: Array<{ ruleId: string; fatal: boolean; line: number; column: number }>;
    }>;
    expect(all.map((file) => file.path)).toEqual(['source/a,b:c.md', 'source/clean.md']);
    expect(
      all[0]?.messages.map((message) => [message.ruleId, message.fatal, message.line]),
    ).toEqual([
      ['undefined-reference', true, 3],
      ['unused-source', false, 7],
    ]);
    const quiet = report(checked(), { format: 'json', quiet: true });
    expect(quiet.endsWith(']\n')).toBe(true);
    expect(JSON.parse(quiet)).toHaveLength(1);
  });

  it('should write GitHub workflow commands with every place, escaped', () => {
    expect(report(checked(), { format: 'github' })).toBe(
      '::error file=source/a%2Cb%3Ac.md,line=3,col=5,endLine=3,endColumn=9,title=citeproof undefined-reference::Unexpected `x`, 100%25 wrong<U+000D><U+000A>second line\n' +
        '::warning file=source/a%2Cb%3Ac.md,line=7,col=1,title=citeproof unused-source::Unexpected unused entry\n',
    );
    const file = new VFile({ path: 'x.md' });
    const bare = file.message('No place');
    expect(githubCommand(file, bare)).toBe('::warning file=x.md,title=citeproof::No place\n');
    expect(report([new VFile({ path: 'ok.md' })], { format: 'github' })).toBe('');
  });

  it('should write SARIF 2.1.0: the rules as the driver’s, one result per message with its region', () => {
    const text = report(checked(), { format: 'sarif', version: '1.2.3' });
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "version": "2.1.0"');
    const log = JSON.parse(text);
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    const run = log.runs[0];
    expect(run.columnKind).toBe('unicodeCodePoints');
    expect(run.tool.driver).toMatchObject({
      name: 'citeproof',
      version: '1.2.3',
      semanticVersion: '1.2.3',
    });
    expect(run.tool.driver.rules).toHaveLength(rules.length);
    const index = rules.findIndex((rule) => rule.meta.id === 'undefined-reference');
    const rule = rules[index];
    expect(run.tool.driver.rules[index]).toEqual({
      id: 'undefined-reference',
      name: 'undefinedReference',
      shortDescription: { text: rule?.meta.description },
      fullDescription: { text: rule?.meta.help },
      help: {
        text: rule?.meta.help,
        markdown: `${rule?.meta.help}\n\nSee [docs/rules.md](docs/rules.md#undefined-reference).`,
      },
      defaultConfiguration: { level: 'error' },
    });
    const unused = rules.findIndex((each) => each.meta.id === 'unused-source');
    expect(run.tool.driver.rules[unused].defaultConfiguration).toEqual({ level: 'warning' });
    expect(run.results).toEqual([
      {
        ruleId: 'undefined-reference',
        ruleIndex: index,
        level: 'error',
        message: { text: 'Unexpected `x`, 100% wrong\r\nsecond line' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'source/a,b:c.md' },
              region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 9 },
            },
          },
        ],
      },
      {
        ruleId: 'unused-source',
        ruleIndex: unused,
        level: 'warning',
        message: { text: 'Unexpected unused entry' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'source/a,b:c.md' },
              region: { startLine: 7, startColumn: 1 },
            },
          },
        ],
      },
    ]);
  });

  it('should point SARIF rules at the rules’ documentation when given its address', () => {
    const log = sarif([], { rulesUrl: 'https://example.org/rules' }) as {
      runs: Array<{ tool: { driver: { rules: Array<{ helpUri?: string; help: object }> } } }>;
    };
    const index = rules.findIndex((rule) => rule.meta.id === 'undefined-reference');
    const rule = log.runs[0]?.tool.driver.rules[index];
    expect(rule?.helpUri).toBe('https://example.org/rules#undefined-reference');
    expect(rule?.help).toMatchObject({
      markdown: expect.stringMatching(
        /See \[docs\/rules\.md\]\(https:\/\/example\.org\/rules#undefined-reference\)\.$/u,
      ),
    });
  });

  it('should write the bidi and C1 controls JSON leaves raw as \\u escapes, in json and SARIF', () => {
    const file = new VFile({ path: 'x.md' });
    file.message('a\u202eb\u0085c\u061cd');
    for (const format of ['json', 'sarif'] as const) {
      const text = report([file], { format });
      expect(text, format).toContain('a\\u202eb\\u0085c\\u061cd');
      expect(text, format).not.toMatch(/[\u0085\u061c\u202e]/u);
    }
  });

  it('should give SARIF results without a rule or a place, and a driver without a version', () => {
    const file = new VFile({ path: 'dir\\x.md' });
    file.message('Cannot read');
    const log = sarif([file]) as { runs: Array<{ tool: { driver: object }; results: unknown[] }> };
    expect(log.runs[0]?.tool.driver).not.toHaveProperty('version');
    expect(log.runs[0]?.tool.driver).not.toHaveProperty('semanticVersion');
    expect(log.runs[0]?.results).toEqual([
      {
        ruleId: 'citeproof',
        level: 'warning',
        message: { text: 'Cannot read' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'dir/x.md' } } }],
      },
    ]);
  });
});
