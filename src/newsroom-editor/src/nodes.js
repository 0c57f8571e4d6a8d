// The editor's schema: TipTap's starter kit plus one node per Masthead body extension, so every block the
// public site renders has a home in the editor and goes back to the same Markdown (docs/body-format.md).
import { Extension, Node, mergeAttributes } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import Image from '@tiptap/extension-image';

/** `:::pullquote` — a short line lifted out of the story, shown large beside it. */
export const Pullquote = Node.create({
  name: 'pullquote',
  group: 'block',
  content: 'paragraph+',
  defining: true,
  parseHTML: () => [{ tag: 'aside.pullquote' }],
  renderHTML: ({ HTMLAttributes }) => ['aside', mergeAttributes(HTMLAttributes, { class: 'pullquote' }), 0],
});

/**
 * A line break that was a plain newline in the source. Kept only where it means something: before a
 * "— source" line, which makes the line the attribution of a quote or an embedded post.
 */
export const SoftBreak = Node.create({
  name: 'softBreak',
  group: 'inline',
  inline: true,
  selectable: false,
  parseHTML: () => [{ tag: 'br.soft-break' }],
  renderHTML: () => ['br', { class: 'soft-break' }],
});

/** `:::figure` — a picture with its alt text, caption and credit, edited in fields of their own. */
export const Figure = Node.create({
  name: 'figure',
  group: 'block',
  atom: true,
  draggable: true,
  addAttributes: () => ({
    src: { default: '' },
    alt: { default: '' },
    caption: { default: '' },
    credit: { default: '' },
  }),
  parseHTML: () => [{ tag: 'figure[data-figure]' }],
  renderHTML: ({ node }) => ['figure', { 'data-figure': '' }, ['img', { src: node.attrs.src, alt: node.attrs.alt }]],
  addNodeView: () => props => fieldsView(props, 'Picture', [
    { attr: 'alt', label: 'Alt text', hint: 'What the picture shows, for readers who cannot see it. Required.' },
    { attr: 'caption', label: 'Caption' },
    { attr: 'credit', label: 'Credit' },
  ], dom => {
    const img = document.createElement('img');
    img.className = 'nr-rich-figure__img';
    img.alt = '';
    const sync = node => { img.src = node.attrs.src; };
    dom.querySelector('.nr-rich-block__title').after(img);
    return sync;
  }),
});

/** `:::embed URL` — a social post or video, shown to readers as a link card with the post's text. */
export const Embed = Node.create({
  name: 'embed',
  group: 'block',
  atom: true,
  draggable: true,
  addAttributes: () => ({
    url: { default: '' },
    text: { default: '' },
    source: { default: '' },
  }),
  parseHTML: () => [{ tag: 'div[data-embed]' }],
  renderHTML: ({ node }) => ['div', { 'data-embed': node.attrs.url }],
  addNodeView: () => props => fieldsView(props, 'Embedded post or video', [
    { attr: 'url', label: 'Address', type: 'url' },
    { attr: 'text', label: 'Text of the post', multiline: true, hint: 'Shown on the card, so readers see it without loading anything from the platform.' },
    { attr: 'source', label: 'Posted by', hint: 'For example @someone.bsky.social, and the day it was posted after a middle dot: @someone.bsky.social · 2026-11-20' },
  ]),
});

/**
 * `:::promo LINK` — the publication's own call to action (the print issue, a newsletter, a donation), shown to
 * readers boxed and labelled "Promotion", and left out of the story's words.
 */
export const Promo = Node.create({
  name: 'promo',
  group: 'block',
  atom: true,
  draggable: true,
  addAttributes: () => ({
    url: { default: '' },
    title: { default: '' },
    text: { default: '' },
    src: { default: '' },
    alt: { default: '' },
  }),
  parseHTML: () => [{ tag: 'aside[data-promo]' }],
  renderHTML: ({ node }) => ['aside', { 'data-promo': node.attrs.url }],
  addNodeView: () => props => fieldsView(props, 'Promotion', [
    { attr: 'title', label: 'Title', hint: 'Readers follow it to the link; for example “Buy the winter print issue”.' },
    { attr: 'text', label: 'Text', multiline: true },
    { attr: 'url', label: 'Link', hint: 'A page of this site such as /subscribe, or an address starting with https://.' },
    { attr: 'src', label: 'Picture (optional)', hint: 'A library picture’s address, such as /media/…' },
    { attr: 'alt', label: 'Picture’s alt text' },
  ]),
});

/** Markdown the editor has no block for (tables, HTML, unknown containers): kept word for word, editable as source. */
export const RawBlock = Node.create({
  name: 'rawBlock',
  group: 'block',
  atom: true,
  addAttributes: () => ({ markdown: { default: '' } }),
  parseHTML: () => [{ tag: 'pre[data-raw]', getAttrs: el => ({ markdown: el.textContent }) }],
  renderHTML: ({ node }) => ['pre', { 'data-raw': '' }, node.attrs.markdown],
  addNodeView: () => props => fieldsView(props, 'Markdown block', [
    { attr: 'markdown', label: 'Source', multiline: true, hint: 'Kept exactly as written; the public page renders it.' },
  ]),
});

let fieldCounter = 0;

/**
 * A block edited through labelled form fields inside the document (pictures, embeds, raw Markdown).
 * The fields handle their own keys and clicks; each change becomes one attribute update, so undo works.
 */
function fieldsView({ node, editor, getPos }, title, fields, decorate) {
  const dom = document.createElement('div');
  dom.className = `nr-rich-block nr-rich-block--${node.type.name}`;
  dom.contentEditable = 'false';
  const heading = document.createElement('p');
  heading.className = 'nr-rich-block__title';
  heading.textContent = title;
  dom.append(heading);
  const extra = decorate ? decorate(dom) : null;

  const controls = {};
  for (const field of fields) {
    const id = `nr-rich-field-${++fieldCounter}`;
    const wrap = document.createElement('div');
    wrap.className = 'nr-rich-block__field';
    const label = Object.assign(document.createElement('label'), { htmlFor: id, textContent: field.label });
    const input = document.createElement(field.multiline ? 'textarea' : 'input');
    input.id = id;
    if (!field.multiline) input.type = field.type || 'text';
    else input.rows = 3;
    input.value = node.attrs[field.attr] ?? '';
    wrap.append(label, input);
    if (field.hint) {
      const hint = Object.assign(document.createElement('p'), { className: 'nr-hint', id: `${id}-hint`, textContent: field.hint });
      input.setAttribute('aria-describedby', hint.id);
      wrap.append(hint);
    }
    input.addEventListener('input', () => {
      const pos = getPos();
      if (typeof pos !== 'number') return;
      editor.view.dispatch(editor.view.state.tr.setNodeAttribute(pos, field.attr, input.value));
    });
    controls[field.attr] = input;
    dom.append(wrap);
  }

  const remove = Object.assign(document.createElement('button'), { type: 'button', className: 'nr-button nr-button--quiet', textContent: `Remove ${title.toLowerCase()}` });
  remove.addEventListener('click', () => {
    const pos = getPos();
    if (typeof pos === 'number') editor.chain().focus().deleteRange({ from: pos, to: pos + editor.state.doc.nodeAt(pos).nodeSize }).run();
  });
  dom.append(remove);
  extra?.(node);

  return {
    dom,
    update(updated) {
      if (updated.type !== node.type) return false;
      for (const [attr, input] of Object.entries(controls))
        if (input.value !== (updated.attrs[attr] ?? '') && document.activeElement !== input) input.value = updated.attrs[attr] ?? '';
      extra?.(updated);
      node = updated;
      return true;
    },
    // Typing in a field belongs to the field, not to ProseMirror.
    stopEvent: event => event.target instanceof HTMLElement && event.target.closest('input, textarea, button') !== null,
    ignoreMutation: () => true,
  };
}

/** Whether a list is written without blank lines between items: Markdown renders the two differently. */
export const TightLists = Extension.create({
  name: 'tightLists',
  addGlobalAttributes: () => [{
    types: ['bulletList', 'orderedList'],
    attributes: { tight: { default: true, parseHTML: el => el.dataset.tight !== 'false', renderHTML: attrs => ({ 'data-tight': String(attrs.tight) }) } },
  }],
});

/** Every extension the story editor runs with; the Markdown parser and serializer cover each node and mark. */
export const extensions = [
  StarterKit.configure({
    heading: { levels: [2, 3, 4, 5, 6] },
    underline: false, // Markdown has no underline; readers would lose it on save
    link: { openOnClick: false, autolink: true, protocols: ['mailto'], HTMLAttributes: { rel: null, target: null } },
  }),
  Image.configure({ inline: true }),
  TightLists,
  SoftBreak,
  Pullquote,
  Figure,
  Embed,
  Promo,
  RawBlock,
];
