import { readFile, writeFile } from 'node:fs/promises';
import type { Section } from './scenarios/types.js';

/** One group of benchmarks as docs/benchmarks.md shows it. */
export interface GroupResult {
  /** What `npm run bench -- <name>` runs. */
  name: string;
  title: string;
  /** How the group was run: date, command, machine, setup. */
  intro: string[];
  sections: Section[];
}

const DOC = new URL('../docs/benchmarks.md', import.meta.url);
const start = (name: string): string => `<!-- bench:${name} -->`;
const end = (name: string): string => `<!-- /bench:${name} -->`;

const mark = (section: Section): string =>
  section.pass === undefined ? '' : section.pass ? ' (target met)' : ' (target missed)';

export function renderGroup(group: GroupResult): string {
  return [
    start(group.name),
    '',
    `## ${group.title}`,
    '',
    ...group.intro,
    '',
    ...group.sections.flatMap((section) => {
      const header = section.header ?? ['measure', 'value'];
      return [
        `### ${section.title}${mark(section)}`,
        '',
        `| ${header.join(' | ')} |`,
        `|${header.map(() => '---').join('|')}|`,
        ...section.rows.map((cells) => `| ${cells.join(' | ')} |`),
        '',
        `**${section.verdict}**`,
        '',
        ...(section.note ? [section.note, ''] : []),
      ];
    }),
    end(group.name),
  ].join('\n');
}

const LEGACY_TITLE = '# Benchmarks: resolver and media path';

/** The groups' blocks in the file as it is, by name. */
function existingBlocks(text: string): Map<string, string> {
  const blocks = new Map<string, string>();
  if (text.startsWith(LEGACY_TITLE)) {
    // The file from before groups held the resolver's results only: keep them as its block.
    const body = text.slice(LEGACY_TITLE.length).trim().replace(/^## /gm, '### ');
    const block = [start('resolver'), '', '## Resolver and media path', '', body, end('resolver')];
    blocks.set('resolver', block.join('\n'));
    return blocks;
  }
  const pattern = /<!-- bench:([\w-]+) -->[\s\S]*?<!-- \/bench:\1 -->/g;
  for (const match of text.matchAll(pattern)) {
    if (match[1] !== undefined) blocks.set(match[1], match[0]);
  }
  return blocks;
}

/**
 * Writes docs/benchmarks.md: the groups just run, and for every other group the last
 * result the file already holds, in `order`.
 */
export async function writeDoc(
  results: readonly GroupResult[],
  order: readonly string[],
): Promise<void> {
  let previous = '';
  try {
    previous = await readFile(DOC, 'utf8');
  } catch (error: unknown) {
    if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) throw error;
  }
  const blocks = existingBlocks(previous);
  for (const result of results) blocks.set(result.name, renderGroup(result));
  const names = [...order, ...[...blocks.keys()].filter((name) => !order.includes(name))];
  const text = [
    '# Benchmarks',
    '',
    '`npm run bench` runs every group below and rewrites this file; `npm run bench -- <group>`',
    `(${order.map((name) => `\`${name}\``).join(', ')}) runs one and keeps the others' last results.`,
    'Every figure is compared with a baseline measured in the same run.',
    '',
    ...names.flatMap((name) => {
      const block = blocks.get(name);
      return block === undefined ? [] : [block, ''];
    }),
  ].join('\n');
  await writeFile(DOC, text);
}
