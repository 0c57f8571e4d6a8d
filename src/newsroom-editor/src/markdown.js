// Masthead's body format (docs/body-format.md) to and from the editor's document. The Markdown source stays
// the one stored form: the editor reads it, and every change is written back, so the server renders exactly
// what the writer saw. Whatever the editor has no block for is kept word for word in a raw block.
import MarkdownIt from 'markdown-it';
import { MarkdownParser, MarkdownSerializer, defaultMarkdownSerializer as base } from 'prosemirror-markdown';

const DASH_LINE = /^\s*(—|―|--)/;
const FENCE_OPEN = /^(:{3,})[ \t]*([^\s:]\S*)?[ \t]*(.*)$/;

/** `:::name arguments` … `:::` as one token holding the raw lines; what they mean is decided below. */
function containerRule(state, startLine, endLine, silent) {
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const first = state.src.slice(state.bMarks[startLine] + state.tShift[startLine], state.eMarks[startLine]);
  const open = FENCE_OPEN.exec(first);
  if (!open || !open[2]) return false;
  if (silent) return true;
  let close = startLine + 1;
  for (; close < endLine; close++) {
    const line = state.src.slice(state.bMarks[close] + state.tShift[close], state.eMarks[close]);
    if (state.sCount[close] < state.blkIndent) break;
    if (new RegExp(`^:{${open[1].length},}\\s*$`).test(line)) break;
  }
  const token = state.push('masthead_container', 'div', 0);
  token.info = open[2].toLowerCase();
  token.meta = { name: open[2], args: open[3].trim(), fence: open[1] };
  token.content = state.getLines(startLine + 1, close, state.sCount[startLine], false).replace(/\n$/, '');
  token.map = [startLine, close];
  token.block = true;
  state.line = Math.min(close + 1, endLine);
  return true;
}

const md = new MarkdownIt({ html: true, linkify: true });
md.block.ruler.before('fence', 'masthead_container', containerRule, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
const Token = md.core.State.prototype.Token;

const make = (type, extra) => Object.assign(new Token(type, '', 0), extra);

/** Figure lines: one picture, then caption lines and a "Credit:" line, or null when it is anything else. */
function readFigure(content) {
  let image = null, credit = null;
  const caption = [];
  for (const line of content.split('\n').map(l => l.trim()).filter(Boolean)) {
    const picture = /^!\[((?:\\.|[^[\]\\]|\[(?:\\.|[^[\]\\])*\])*)\]\(\s*<?([^\s)>]+)>?\s*\)$/.exec(line);
    if (picture && !image) image = { alt: picture[1].replace(/\\(.)/g, '$1'), src: picture[2] };
    else if (/^credit:/i.test(line) && credit === null) credit = line.replace(/^credit:\s*/i, '');
    else if (picture || /^credit:/i.test(line) || /^[#>*+-]|^\d+[.)]\s|^\|/.test(line)) return null;
    else caption.push(line);
  }
  return image ? { ...image, caption: caption.join(' '), credit: credit ?? '' } : null;
}

/** Embed lines: the post's text, then an optional "— source" line. */
function readEmbed(url, content) {
  if (!/^https?:\/\/\S+$/i.test(url)) return null;
  const lines = content.replace(/\s+$/, '').split('\n');
  let source = '';
  if (lines.length && DASH_LINE.test(lines[lines.length - 1])) source = lines.pop().trim().replace(/^(—|―|-)+\s*/, '');
  return { url, text: lines.join('\n').replace(/^\n+|\n+$/g, ''), source };
}

/** A promo's link: a site path or an https address, as the server requires. */
export const promoLinkIsSafe = url => /^\/(?![\/\\])[^\s\\]*$|^\/$/.test(url) || /^https:\/\/[^\s\\/]+[^\s\\]*$/i.test(url);

/** Promo lines: an optional picture, the title, then the text; null when it is anything the editor cannot keep exactly. */
function readPromo(url, content) {
  if (!promoLinkIsSafe(url)) return null;
  const lines = content.replace(/\s+$/, '').split('\n');
  let src = '', alt = '';
  const picture = /^!\[((?:\\.|[^[\]\\]|\[(?:\\.|[^[\]\\])*\])*)\]\(\s*<?([^\s)>]+)>?\s*\)$/.exec(lines[0]?.trim() ?? '');
  if (picture) { alt = picture[1].replace(/\\(.)/g, '$1'); src = picture[2]; lines.shift(); }
  const title = (lines.shift() ?? '').trim();
  // A title the renderer would read differently (empty, or Markdown the title field would flatten) stays raw.
  if (!title || /[*_`[\]<>\\~]/.test(title) || /^(#|>|[-+*]\s|\d+[.)]\s|!\[)/.test(title)) return null;
  return { url, title, text: lines.join('\n').replace(/^\n+|\n+$/g, ''), src, alt };
}

const rawContainer = (tok) => `${tok.meta.fence}${tok.meta.name}${tok.meta.args ? ' ' + tok.meta.args : ''}\n${tok.content}${tok.content ? '\n' : ''}${tok.meta.fence}`;

/** markdown-it's tokens, reshaped into what the editor's schema knows. */
function reshape(tokens, src) {
  const out = [];
  const lines = src.split('\n');
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (tok.type === 'masthead_container') {
      const kind = tok.info;
      const figure = kind === 'figure' ? readFigure(tok.content) : null;
      const embed = kind === 'embed' ? readEmbed(tok.meta.args, tok.content) : null;
      const promo = kind === 'promo' ? readPromo(tok.meta.args, tok.content) : null;
      if (kind === 'pullquote') {
        out.push(make('pullquote_open'), ...reshape(md.parse(tok.content, {}), tok.content), make('pullquote_close'));
      } else if (figure) out.push(make('figure', { meta: figure }));
      else if (embed) out.push(make('embed', { meta: embed }));
      else if (promo) out.push(make('promo', { meta: promo }));
      else out.push(make('raw_block', { content: rawContainer(tok) }));
    } else if (tok.type === 'table_open') {
      let end = i;
      while (tokens[end].type !== 'table_close') end++;
      const [from, to] = tok.map;
      const raw = lines.slice(from, to).map(l => tok.level === 0 ? l : l.replace(/^[ \t]*(?:>[ \t]?)*/, '')).join('\n');
      out.push(make('raw_block', { content: raw }));
      i = end;
    } else if (tok.type === 'html_block') {
      out.push(make('raw_block', { content: tok.content.replace(/\n+$/, '') }));
    } else if (tok.type === 'inline') {
      tok.children = inlineTokens(tok.children);
      out.push(tok);
    } else out.push(tok);
  }
  return out;
}

function inlineTokens(children) {
  return children.map((tok, i) => {
    // Inline HTML stays as the characters it was written with: the serializer writes them back unescaped.
    if (tok.type === 'html_inline') return make('text', { content: tok.content });
    // A newline before a "— source" line makes an attribution; any other newline is just a space.
    if (tok.type === 'softbreak' && children[i + 1]?.type === 'text' && DASH_LINE.test(children[i + 1].content)) return make('soft_break');
    return tok;
  });
}

function listIsTight(tokens, i) {
  while (++i < tokens.length) if (tokens[i].type !== 'list_item_open') return tokens[i].hidden;
  return false;
}

export function createParser(schema) {
  const parser = new MarkdownParser(schema, { parse: (src, env) => reshape(md.parse(src, env), src) }, {
    blockquote: { block: 'blockquote' },
    paragraph: { block: 'paragraph' },
    list_item: { block: 'listItem' },
    bullet_list: { block: 'bulletList', getAttrs: (_, tokens, i) => ({ tight: listIsTight(tokens, i) }) },
    ordered_list: { block: 'orderedList', getAttrs: (tok, tokens, i) => ({ start: +tok.attrGet('start') || 1, tight: listIsTight(tokens, i) }) },
    // The page keeps its one <h1> for the headline: the public renderer makes "#" a subheading, and so do we.
    heading: { block: 'heading', getAttrs: tok => ({ level: Math.max(2, +tok.tag.slice(1)) }) },
    code_block: { block: 'codeBlock', noCloseToken: true },
    fence: { block: 'codeBlock', getAttrs: tok => ({ language: tok.info || null }), noCloseToken: true },
    hr: { node: 'horizontalRule' },
    image: { node: 'image', getAttrs: tok => ({ src: tok.attrGet('src'), title: tok.attrGet('title') || null, alt: tok.children?.[0]?.content || '' }) },
    hardbreak: { node: 'hardBreak' },
    soft_break: { node: 'softBreak' },
    pullquote: { block: 'pullquote' },
    figure: { node: 'figure', getAttrs: tok => tok.meta },
    embed: { node: 'embed', getAttrs: tok => tok.meta },
    promo: { node: 'promo', getAttrs: tok => tok.meta },
    raw_block: { node: 'rawBlock', getAttrs: tok => ({ markdown: tok.content }) },
    em: { mark: 'italic' },
    strong: { mark: 'bold' },
    s: { mark: 'strike' },
    link: { mark: 'link', getAttrs: tok => ({ href: tok.attrGet('href'), title: tok.attrGet('title') || null }) },
    code_inline: { mark: 'code', noCloseToken: true },
  });
  return source => parser.parse(source ?? '');
}

/** Writes each line with the enclosing block's prefix (inside a quote, "> "), blank lines included. */
function writeLines(state, lines) {
  for (const line of lines) {
    state.write(line);
    state.out += '\n';
  }
}

const escapeAlt = text => text.replace(/[\\[\]]/g, '\\$&');

function orderedList(state, node) {
  const start = node.attrs.start || 1;
  const width = String(start + node.childCount - 1).length;
  state.renderList(node, ' '.repeat(width + 2), i => {
    const n = String(start + i);
    return ' '.repeat(width - n.length) + n + '. ';
  });
}

const serializer = new MarkdownSerializer({
  paragraph: base.nodes.paragraph,
  heading: base.nodes.heading,
  blockquote: base.nodes.blockquote,
  horizontalRule: base.nodes.horizontal_rule,
  bulletList: (state, node) => state.renderList(node, '  ', () => '- '),
  orderedList,
  listItem: base.nodes.list_item,
  image: base.nodes.image,
  hardBreak: base.nodes.hard_break,
  softBreak: state => { state.out += '\n'; },
  text: base.nodes.text,
  codeBlock(state, node) {
    const ticks = node.textContent.match(/`{3,}/gm);
    const fence = ticks ? ticks.sort().slice(-1)[0] + '`' : '```';
    state.write(fence + (node.attrs.language || '') + '\n');
    state.text(node.textContent, false);
    state.ensureNewLine();
    state.write(fence);
    state.closeBlock(node);
  },
  pullquote(state, node) {
    writeLines(state, [':::pullquote']);
    state.renderContent(node);
    state.flushClose(1);
    state.write(':::');
    state.closeBlock(node);
  },
  figure(state, node) {
    const { src, alt, caption, credit } = node.attrs;
    const lines = [':::figure', `![${escapeAlt(alt || '')}](${src})`];
    if (caption?.trim()) lines.push(caption.trim().replace(/\s*\n\s*/g, ' '));
    if (credit?.trim()) lines.push(`Credit: ${credit.trim()}`);
    writeLines(state, lines);
    state.write(':::');
    state.closeBlock(node);
  },
  embed(state, node) {
    const { url, text, source } = node.attrs;
    const lines = [`:::embed ${url.trim()}`];
    if (text?.trim()) lines.push(...text.replace(/^\n+|\s+$/g, '').split('\n'));
    if (source?.trim()) lines.push(`— ${source.trim()}`);
    writeLines(state, lines);
    state.write(':::');
    state.closeBlock(node);
  },
  promo(state, node) {
    const { url, title, text, src, alt } = node.attrs;
    const lines = [`:::promo ${url.trim()}`];
    if (src?.trim()) lines.push(`![${escapeAlt(alt || '')}](${src.trim()})`);
    lines.push(title.trim().replace(/\s*\n\s*/g, ' '));
    if (text?.trim()) lines.push(...text.replace(/^\n+|\s+$/g, '').split('\n'));
    writeLines(state, lines);
    state.write(':::');
    state.closeBlock(node);
  },
  rawBlock(state, node) {
    writeLines(state, node.attrs.markdown.replace(/\s+$/, '').split('\n'));
    state.closeBlock(node);
  },
}, {
  italic: base.marks.em,
  bold: base.marks.strong,
  link: base.marks.link,
  code: base.marks.code,
  strike: { open: '~~', close: '~~', mixable: true, expelEnclosingWhitespace: true },
}, { hardBreakNodeName: 'hardBreak' });

export const toMarkdown = doc => serializer.serialize(doc).replace(/\s+$/, '') + '\n';
