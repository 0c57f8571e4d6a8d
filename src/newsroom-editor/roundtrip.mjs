// Reads a JSON array of Markdown bodies on stdin and writes them back, each read into the editor's
// document and serialized again: the integration tests render both and compare (no DOM is needed).
import { getSchema } from '@tiptap/core';
import { extensions } from './src/nodes.js';
import { createParser, toMarkdown } from './src/markdown.js';

const parse = createParser(getSchema(extensions));
let input = '';
for await (const chunk of process.stdin) input += chunk;
process.stdout.write(JSON.stringify(JSON.parse(input).map(body => toMarkdown(parse(body)))));
