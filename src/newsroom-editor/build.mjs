// Bundles the editor into one script for the newsroom (and the settings page's picture picker, which shares its library dialog), and writes the licences of every package inside it
// next to it (the MIT licences of TipTap, ProseMirror and markdown-it ask for their notices to travel along).
import { build } from 'esbuild';
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

const out = '../Masthead.Web/wwwroot/newsroom/editor.js';
const result = await build({
  entryPoints: ['src/editor.js'],
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  legalComments: 'none',
  banner: { js: '/* Masthead story editor. Bundled packages and their licences: editor.licenses.txt */' },
  metafile: true,
  outfile: out,
});

const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (!match || packages.has(match[1])) continue;
  const manifest = JSON.parse(readFileSync(join(match[1], 'package.json'), 'utf8'));
  const licence = readdirSync(match[1]).find(f => /^licen[cs]e/i.test(f));
  packages.set(match[1], { name: manifest.name, version: manifest.version, text: licence ? readFileSync(join(match[1], licence), 'utf8').trim() : `License: ${manifest.license}` });
}
const notices = [...packages.values()].sort((a, b) => a.name.localeCompare(b.name))
  .map(p => `${p.name} ${p.version}\n${'-'.repeat(p.name.length + p.version.length + 1)}\n${p.text}\n`).join('\n');
writeFileSync(join(dirname(out), 'editor.licenses.txt'), `Packages bundled into editor.js\n\n${notices}`);
console.log(`editor.js: ${packages.size} packages bundled`);

// The settings page's picture picker: a page script of its own that shares the editor's library dialog. It bundles
// no packages, so it is left readable.
await build({
  entryPoints: ['src/picture-picker.js'],
  bundle: true,
  format: 'iife',
  target: 'es2020',
  legalComments: 'none',
  banner: { js: '/* Masthead settings page: choosing the publication\'s pictures. Built from src/newsroom-editor/src/picture-picker.js */' },
  outfile: '../Masthead.Web/wwwroot/newsroom/picture-picker.js',
});
