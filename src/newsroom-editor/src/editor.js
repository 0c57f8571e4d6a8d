// The newsroom's rich-text story editor. It takes over the story's Markdown textarea, which stays in the form
// as the one stored value: every change is written back to it as Markdown, so the form, autosave and the
// browser's local copy (story-editor.js) work the same with or without this script.
import { Editor, getSchema } from '@tiptap/core';
import { NodeSelection } from '@tiptap/pm/state';
import { extensions } from './nodes.js';
import { createParser, toMarkdown, promoLinkIsSafe } from './markdown.js';
import { pickFromLibrary, attachHeroPicker } from './library-picker.js';
import { cleanPastedHtml, dataUriToFile } from './paste.js';

const parse = createParser(getSchema(extensions));

const BUTTONS = [
  { name: 'h2', label: 'Heading', text: 'Heading', hint: 'A subheading in the story', run: e => e.chain().focus().toggleHeading({ level: 2 }).run(), active: e => e.isActive('heading', { level: 2 }) },
  { name: 'h3', label: 'Subheading', text: 'Subheading', hint: 'A smaller subheading', run: e => e.chain().focus().toggleHeading({ level: 3 }).run(), active: e => e.isActive('heading', { level: 3 }) },
  { name: 'bold', label: 'Bold', text: 'B', keys: 'Ctrl+B', run: e => e.chain().focus().toggleBold().run(), active: e => e.isActive('bold') },
  { name: 'italic', label: 'Italic', text: 'I', keys: 'Ctrl+I', run: e => e.chain().focus().toggleItalic().run(), active: e => e.isActive('italic') },
  { name: 'link', label: 'Link', text: 'Link', keys: 'Ctrl+K', run: (e, ui) => ui.link(), active: e => e.isActive('link') },
  { name: 'bullets', label: 'Bullets', text: 'Bullets', hint: 'A bulleted list', run: e => e.chain().focus().toggleBulletList().run(), active: e => e.isActive('bulletList') },
  { name: 'numbers', label: 'Numbers', text: 'Numbers', hint: 'A numbered list', run: e => e.chain().focus().toggleOrderedList().run(), active: e => e.isActive('orderedList') },
  { name: 'quote', label: 'Quote', text: 'Quote', hint: 'A quotation set apart from the text', run: e => e.chain().focus().toggleBlockquote().run(), active: e => e.isActive('blockquote') },
  { name: 'source', label: 'Source', text: 'Source', hint: 'Who said the quote: adds a “— Name” line at its end', run: (e, ui) => ui.quoteSource() },
  { name: 'pullquote', label: 'Pull quote', text: 'Pull quote', hint: 'A line lifted out of the story and shown large', run: (e, ui) => ui.pullquote(), active: e => e.isActive('pullquote') },
  { name: 'image', label: 'Picture', text: 'Picture', hint: 'Choose a picture from the library or upload one; you can also drop or paste one into the story', run: (e, ui) => ui.pickImage() },
  { name: 'embed', label: 'Embed', text: 'Embed', hint: 'A social post or video, by its address', run: (e, ui) => ui.embed() },
  { name: 'promo', label: 'Promo', text: 'Promo', hint: 'A call to action set apart and labelled as promotion: the print issue, a newsletter, a donation', run: (e, ui) => ui.promo() },
  { name: 'undo', label: 'Undo', text: 'Undo', keys: 'Ctrl+Z', run: e => e.chain().focus().undo().run() },
  { name: 'redo', label: 'Redo', text: 'Redo', keys: 'Ctrl+Shift+Z', run: e => e.chain().focus().redo().run() },
];

// The services the server accepts embeds from (EmbedProvider.cs), by host, and Mastodon by its /@user/123 address shape.
const EMBED_HOSTS = ['x.com', 'twitter.com', 'bsky.app', 'instagram.com', 'threads.net', 'tiktok.com', 'youtube.com', 'youtu.be', 'vimeo.com', 'facebook.com'];
function knownEmbed(address) {
  let url;
  try { url = new URL(address); } catch { return false; }
  const host = url.hostname.replace(/^www\./, '');
  return EMBED_HOSTS.some(h => host === h || host.endsWith('.' + h)) || /^\/@[^/]+\/\d+\/?$/.test(url.pathname);
}

/** Asks for one or more values in a modal dialog; resolves to null when cancelled. */
function ask(title, fields) {
  return new Promise(resolve => {
    const dialog = document.createElement('dialog');
    dialog.className = 'nr-dialog';
    dialog.setAttribute('aria-labelledby', 'nr-dialog-title');
    const form = document.createElement('form');
    form.method = 'dialog';
    form.innerHTML = '<h2 id="nr-dialog-title"></h2>';
    form.querySelector('h2').textContent = title;
    const inputs = fields.map((field, i) => {
      const wrap = Object.assign(document.createElement('div'), { className: 'nr-field' });
      const input = Object.assign(document.createElement(field.multiline ? 'textarea' : 'input'), { id: `nr-dialog-${i}`, value: field.value ?? '' });
      if (!field.multiline) input.type = field.type || 'text';
      if (field.required) input.required = true;
      wrap.append(Object.assign(document.createElement('label'), { htmlFor: input.id, textContent: field.label }), input);
      form.append(wrap);
      return input;
    });
    const actions = Object.assign(document.createElement('div'), { className: 'nr-actions' });
    const ok = Object.assign(document.createElement('button'), { type: 'submit', className: 'nr-button nr-button--primary', textContent: 'Apply', value: 'ok' });
    const cancel = Object.assign(document.createElement('button'), { type: 'button', className: 'nr-button nr-button--quiet', textContent: 'Cancel' });
    cancel.addEventListener('click', () => dialog.close('cancel'));
    actions.append(ok, cancel);
    form.append(actions);
    dialog.append(form);
    document.body.append(dialog);
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'ok' ? inputs.map(i => i.value.trim()) : null);
      dialog.remove();
    });
    dialog.showModal();
  });
}

function mount(textarea) {
  const field = textarea.closest('.nr-field') || textarea.parentElement;
  const label = field.querySelector(`label[for="${textarea.id}"]`);
  if (label && !label.id) label.id = `${textarea.id}-label`;

  const shell = Object.assign(document.createElement('div'), { className: 'nr-rich' });
  const toolbar = Object.assign(document.createElement('div'), { className: 'nr-rich__toolbar' });
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', 'Formatting');
  toolbar.setAttribute('aria-controls', `${textarea.id}-rich`);
  const surface = Object.assign(document.createElement('div'), { className: 'nr-rich__surface', id: `${textarea.id}-rich` });
  const status = Object.assign(document.createElement('p'), { className: 'nr-hint nr-rich__status', id: `${textarea.id}-upload-status` });
  status.setAttribute('aria-live', 'polite');
  const progress = Object.assign(document.createElement('progress'), { className: 'nr-rich__progress', max: 100, hidden: true });
  progress.setAttribute('aria-label', 'Upload progress');
  const fileInput = Object.assign(document.createElement('input'), { type: 'file', accept: 'image/jpeg,image/png,image/webp,image/avif,image/gif', hidden: true });
  fileInput.setAttribute('aria-hidden', 'true');
  fileInput.tabIndex = -1;
  const toggle = Object.assign(document.createElement('button'), { type: 'button', className: 'nr-button nr-button--quiet nr-rich__mode', textContent: 'Edit as Markdown' });
  toggle.setAttribute('aria-pressed', 'false');

  let writingBack = false;
  const editor = new Editor({
    element: surface,
    extensions,
    // TipTap's own stylesheet arrives as an inline <style>, which the site's CSP refuses; without its white-space rule
    // the browser typed a no-break space beside every bold word and link. The rules live in newsroom.css instead.
    injectCSS: false,
    content: parse(textarea.value).toJSON(),
    editorProps: {
      attributes: {
        class: 'nr-rich__content',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': label?.id ?? '',
        'aria-describedby': [textarea.getAttribute('aria-describedby'), status.id].filter(Boolean).join(' '),
        spellcheck: 'true',
      },
      handleDrop: (view, event) => takeFiles(event.dataTransfer?.files, event),
      handlePaste: (view, event) => takeFiles(event.clipboardData?.files, event),
      // Pasted documents keep their structure and lose their styling; their pictures are copied into the library.
      transformPastedHTML: html => {
        const { html: clean, pictures } = cleanPastedHtml(html);
        if (pictures.length) setTimeout(() => takePictures(pictures), 0);
        return clean;
      },
    },
    onUpdate: () => {
      writingBack = true;
      textarea.value = toMarkdown(editor.state.doc);
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
      writingBack = false;
    },
    onSelectionUpdate: () => refreshButtons(),
    onTransaction: () => refreshButtons(),
  });

  // A value put into the textarea by someone else (a restored local copy, the Markdown view) is read back in.
  textarea.addEventListener('input', () => {
    if (writingBack || !textarea.hidden) return;
    editor.commands.setContent(parse(textarea.value).toJSON(), { emitUpdate: false });
  });

  // A new block goes where the cursor is, or after a selected picture or embed, never in its place.
  // A block the writer asked for (toolbar, dialog, upload button) takes the focus into its first field, so the
  // alt text or address is typed next. That focus is given at once: TipTap's focus() lands a frame later and
  // took it back from a field already being typed in, losing what went into the field. A picture that arrived
  // by paste or drop leaves the focus where the writer is typing.
  const insertBlock = (content, { focusField = false } = {}) => {
    const { selection } = editor.state;
    const existing = new Set(surface.querySelectorAll('.nr-rich-block'));
    const chain = focusField ? editor.chain() : editor.chain().focus();
    const done = selection instanceof NodeSelection
      ? chain.insertContentAt(selection.to, content).run()
      : chain.insertContent(content).run();
    if (focusField) {
      const added = [...surface.querySelectorAll(`.nr-rich-block--${content.type}`)].find(el => !existing.has(el));
      added?.querySelector('input, textarea')?.focus();
    }
    return done;
  };

  const ui = {
    async link() {
      const previous = editor.getAttributes('link').href ?? '';
      const answer = await ask(previous ? 'Change the link' : 'Add a link', [{ label: 'Address (leave empty to remove the link)', type: 'url', value: previous }]);
      if (answer === null) return editor.commands.focus();
      const [href] = answer;
      if (!href) return editor.chain().focus().extendMarkRange('link').unsetLink().run();
      if (!/^(https?:\/\/|mailto:|\/)/i.test(href)) { status.textContent = 'A link must start with https://, http://, mailto: or /.'; return editor.commands.focus(); }
      if (editor.state.selection.empty && !editor.isActive('link'))
        return editor.chain().focus().insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] }).run();
      return editor.chain().focus().extendMarkRange('link').setLink({ href }).run();
    },
    quoteSource() {
      if (!editor.isActive('blockquote')) { status.textContent = 'Put the cursor in a quote first, then add who said it.'; return; }
      const { $from } = editor.state.selection;
      for (let depth = $from.depth; depth > 0; depth--) {
        if ($from.node(depth).type.name !== 'blockquote') continue;
        const end = $from.end(depth);
        editor.chain().focus().insertContentAt(end, { type: 'paragraph', content: [{ type: 'text', text: '— ' }] }).setTextSelection(end + 3).run();
        return;
      }
    },
    pullquote() {
      if (editor.isActive('pullquote')) return editor.chain().focus().lift('pullquote').run();
      return editor.chain().focus().wrapIn('pullquote').run();
    },
    async pickImage() {
      const choice = await pickFromLibrary({ offerUpload: true });
      if (choice === 'upload') return fileInput.click();
      if (!choice) return editor.commands.focus();
      status.textContent = `${choice.fileName} is in the story.`;
      return insertBlock({ type: 'figure', attrs: { src: choice.url, alt: choice.alt || '', caption: choice.caption || '', credit: choice.credit || '' } }, { focusField: true });
    },
    async embed() {
      const answer = await ask('Embed a post or video', [
        { label: 'Address of the post or video', type: 'url', required: true },
        { label: 'Text of the post (shown on the card)', multiline: true },
        { label: 'Posted by, and the day, for example @someone.bsky.social · 2026-11-20' },
      ]);
      if (answer === null) return editor.commands.focus();
      const [url, text, source] = answer;
      if (!/^https?:\/\/\S+$/i.test(url)) { status.textContent = 'An embed needs the post’s full address, starting with https://.'; return editor.commands.focus(); }
      if (!knownEmbed(url)) { status.textContent = 'Embeds come from X/Twitter, Bluesky, Mastodon, Instagram, Threads, TikTok, YouTube, Vimeo or Facebook; link to other pages in the text.'; return editor.commands.focus(); }
      return insertBlock({ type: 'embed', attrs: { url, text, source } }, { focusField: true });
    },
    async promo() {
      const answer = await ask('Add a promotion', [
        { label: 'Title (readers follow it to the link)', required: true },
        { label: 'Text', multiline: true },
        { label: 'Link: a page of this site such as /subscribe, or https://…', required: true },
        { label: 'Picture address (optional), for example /media/…' },
        { label: 'Picture’s alt text' },
      ]);
      if (answer === null) return editor.commands.focus();
      const [title, text, url, src, alt] = answer;
      if (!title) { status.textContent = 'A promotion needs a title.'; return editor.commands.focus(); }
      if (!promoLinkIsSafe(url)) { status.textContent = 'A promotion’s link must be a page of this site starting with / or an address starting with https://.'; return editor.commands.focus(); }
      if (src && !promoLinkIsSafe(src)) { status.textContent = 'A promotion’s picture must be a library picture (/media/…) or an https:// address.'; return editor.commands.focus(); }
      status.textContent = 'Promotion added to the story.';
      return insertBlock({ type: 'promo', attrs: { url, title, text, src: src || '', alt: alt || '' } }, { focusField: true });
    },
  };

  const buttons = BUTTONS.map(spec => {
    const button = Object.assign(document.createElement('button'), { type: 'button', className: 'nr-rich__button', textContent: spec.text });
    button.dataset.command = spec.name;
    button.setAttribute('aria-label', spec.label);
    if (spec.keys) button.setAttribute('aria-keyshortcuts', spec.keys.replace('Ctrl', 'Control'));
    const tip = spec.hint ?? spec.label;
    button.title = spec.keys ? `${tip} (${spec.keys})` : tip;
    if (spec.active) button.setAttribute('aria-pressed', 'false');
    button.addEventListener('click', () => spec.run(editor, ui));
    toolbar.append(button);
    return { spec, button };
  });
  // One tab stop for the toolbar; arrow keys move along it.
  buttons.forEach(({ button }, i) => { button.tabIndex = i === 0 ? 0 : -1; });
  toolbar.addEventListener('keydown', event => {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) return;
    const list = buttons.map(b => b.button);
    const at = list.indexOf(document.activeElement);
    if (at < 0) return;
    const next = event.key === 'Home' ? 0 : event.key === 'End' ? list.length - 1 : (at + (event.key === 'ArrowRight' ? 1 : -1) + list.length) % list.length;
    list[at].tabIndex = -1;
    list[next].tabIndex = 0;
    list[next].focus();
    event.preventDefault();
  });

  function refreshButtons() {
    for (const { spec, button } of buttons) if (spec.active) button.setAttribute('aria-pressed', String(!!spec.active(editor)));
  }

  editor.setOptions({
    editorProps: {
      ...editor.options.editorProps,
      handleKeyDown: (view, event) => {
        if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') { event.preventDefault(); ui.link(); return true; }
        return false;
      },
    },
  });

  // Pictures: dropped, pasted or picked files go to the media library; the story only changes once one is saved.
  function takeFiles(files, event) {
    const images = [...(files ?? [])].filter(f => f.type.startsWith('image/') || f.type === '');
    if (!images.length) return false;
    event.preventDefault();
    images.reduce((chain, file) => chain.then(() => upload(file)), Promise.resolve());
    return true;
  }

  // Pictures that came inside pasted HTML: a data: picture is uploaded as a file, another site's is copied by the
  // server (never hot-linked); one that cannot be copied is left out, and the writer is told.
  function takePictures(sources) {
    return sources.reduce((chain, src, i) => chain.then(() => src.startsWith('data:')
      ? upload(dataUriToFile(src, `pasted-picture-${i + 1}`))
      : copyFrom(src)), Promise.resolve());
  }

  async function copyFrom(src) {
    const host = (() => { try { return new URL(src).host; } catch { return 'another site'; } })();
    status.textContent = `Copying a pasted picture from ${host} into the media library…`;
    delete status.dataset.kind;
    try {
      const response = await fetch(textarea.dataset.fetchUrl || '/newsroom/media/fetch', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json',
          'X-CSRF-TOKEN': textarea.dataset.csrfToken || document.querySelector('meta[name=csrf-token]')?.content || '' },
        body: JSON.stringify({ url: src }),
        credentials: 'same-origin',
      });
      const body = await response.json().catch(() => null);
      if (response.status === 201 && body?.url) {
        insertBlock({ type: 'figure', attrs: { src: body.url, alt: '', caption: '', credit: '' } });
        status.textContent = `A picture pasted from ${host} is now in the media library and the story. Give it alt text and a credit.`;
        return;
      }
      const reason = body ? (body.detail || body.title || Object.values(body.errors || {}).flat().join(' ')) : `the server answered ${response.status}`;
      status.textContent = `A picture pasted from ${host} was left out: ${reason}`;
    } catch {
      status.textContent = `A picture pasted from ${host} was left out: the connection failed.`;
    }
    status.dataset.kind = 'error';
  }

  function upload(file, { focusField = false } = {}) {
    return new Promise(resolve => {
      const data = new FormData();
      data.append('file', file, file.name || 'pasted-picture');
      const xhr = new XMLHttpRequest();
      xhr.open('POST', textarea.dataset.uploadUrl || '/newsroom/media/upload');
      xhr.setRequestHeader('X-CSRF-TOKEN', textarea.dataset.csrfToken || document.querySelector('meta[name=csrf-token]')?.content || '');
      xhr.setRequestHeader('Accept', 'application/json');
      progress.hidden = false;
      progress.value = 0;
      status.textContent = `Uploading ${file.name || 'the picture'}…`;
      xhr.upload.addEventListener('progress', p => { if (p.lengthComputable) progress.value = Math.round(p.loaded / p.total * 100); });
      xhr.addEventListener('load', () => {
        progress.hidden = true;
        let body = null;
        try { body = JSON.parse(xhr.responseText); } catch { /* not JSON: reported below */ }
        if (xhr.status === 201 && body?.url) {
          insertBlock({ type: 'figure', attrs: { src: body.url, alt: body.alt || '', caption: body.caption || '', credit: body.credit || '' } }, { focusField });
          status.textContent = `${file.name || 'The picture'} is in the story. Give it alt text and a credit.`;
        } else {
          const reason = body ? (body.detail || body.title || Object.values(body.errors || {}).flat().join(' ')) : `the server answered ${xhr.status}`;
          status.textContent = `${file.name || 'The picture'} was not uploaded: ${reason}. Nothing in the story has changed.`;
          status.dataset.kind = 'error';
        }
        resolve();
      });
      xhr.addEventListener('error', () => {
        progress.hidden = true;
        status.textContent = `${file.name || 'The picture'} was not uploaded: the connection failed. Nothing in the story has changed.`;
        status.dataset.kind = 'error';
        resolve();
      });
      delete status.dataset.kind;
      xhr.send(data);
    });
  }
  fileInput.addEventListener('change', () => {
    const files = [...fileInput.files];
    fileInput.value = '';
    files.reduce((chain, file) => chain.then(() => upload(file, { focusField: true })), Promise.resolve());
  });

  // "Edit as Markdown" shows the stored source itself; switching back reads it into the editor.
  toggle.addEventListener('click', () => {
    const toSource = textarea.hidden;
    textarea.hidden = !toSource;
    shell.hidden = toSource;
    toggle.textContent = toSource ? 'Edit with formatting' : 'Edit as Markdown';
    toggle.setAttribute('aria-pressed', String(toSource));
    if (toSource) textarea.focus();
    else { editor.commands.setContent(parse(textarea.value).toJSON(), { emitUpdate: false }); editor.commands.focus(); }
  });

  shell.append(toolbar, surface, progress, status);
  textarea.hidden = true;
  textarea.before(shell);
  field.append(fileInput);
  textarea.after(toggle);
  if (label) label.addEventListener('click', () => { if (textarea.hidden) editor.commands.focus(); });
  refreshButtons();
  const form = textarea.closest('form');
  if (form) attachHeroPicker(form);
  window.MastheadEditor.current = editor; // for scripts and tests that drive the editor
  return editor;
}

window.MastheadEditor = { mount, parse, toMarkdown };
