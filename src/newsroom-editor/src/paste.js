// Cleans HTML pasted from Google Docs, Word and web pages before the editor reads it: the structure stays (headings,
// lists, links, bold and italic where they really are), the word processors' wrappers and styles go, and pictures
// are taken out to be copied into the media library rather than hot-linked from wherever they came from.

const JUNK = 'style, meta, link, script, title, xml, o\\:p, v\\:shapetype, v\\:shape';

/** Google Docs sends links through its own redirector; the address written in the document is its q parameter. */
function unwrapLink(href) {
  try {
    const url = new URL(href);
    if (/(^|\.)google\.[a-z.]+$/.test(url.hostname) && url.pathname === '/url' && url.searchParams.get('q')) return url.searchParams.get('q');
  } catch { /* not an absolute address: keep it as it is */ }
  return href;
}

/** Word writes list items as paragraphs marked mso-list, with the bullet or number as text in a span of its own. */
function wordLists(doc) {
  const isItem = el => el.tagName === 'P' && /mso-list:\s*l\d/i.test(el.getAttribute('style') || '');
  for (const first of [...doc.body.querySelectorAll('p')]) {
    const previous = first.previousElementSibling;
    if (!first.isConnected || !isItem(first) || (previous && isItem(previous))) continue;
    const items = [];
    for (let el = first; el && isItem(el); el = el.nextElementSibling) items.push(el);
    const marker = items[0].querySelector('span[style*="mso-list"]')?.textContent ?? '';
    const list = doc.createElement(/^\s*(\d+|[a-z]{1,3})[.)]/i.test(marker) ? 'ol' : 'ul');
    first.before(list);
    for (const p of items) {
      p.querySelectorAll('span[style*="mso-list"]').forEach(s => s.remove());
      const li = doc.createElement('li');
      li.innerHTML = p.innerHTML;
      list.append(li);
      p.remove();
    }
  }
}

/**
 * @returns {{ html: string, pictures: string[] }} the cleaned HTML, and the addresses of the pictures taken out
 * (https:// and data: ones), for the caller to copy into the library.
 */
export function cleanPastedHtml(html, ownPrefix = '/media/') {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  doc.querySelectorAll(JUNK).forEach(el => el.remove());
  const comments = doc.createTreeWalker(doc.body, NodeFilter.SHOW_COMMENT);
  const dead = [];
  while (comments.nextNode()) dead.push(comments.currentNode);
  dead.forEach(c => c.remove());

  wordLists(doc);
  // Bold and italic where the text really is (Google Docs wraps everything in a <b> that is not bold, and marks
  // weight and slant on spans); then every style, class and id goes, so nothing else of the source's look comes along.
  for (const el of [...doc.body.querySelectorAll('b, strong')])
    if (/font-weight:\s*(normal|[1-5]00)\b/i.test(el.getAttribute('style') || '')) el.replaceWith(...el.childNodes);
  for (const span of [...doc.body.querySelectorAll('span[style]')]) {
    const style = span.getAttribute('style');
    for (const [test, tag] of [[/font-weight:\s*(bold|[6-9]00)\b/i, 'strong'], [/font-style:\s*italic/i, 'em']]) {
      if (!test.test(style)) continue;
      const mark = doc.createElement(tag);
      mark.append(...span.childNodes);
      span.append(mark);
    }
  }
  for (const el of doc.body.querySelectorAll('[style], [class], [id], [dir]')) ['style', 'class', 'id', 'dir'].forEach(a => el.removeAttribute(a));
  // Line breaks between the blocks of the source are not text of the story.
  for (const node of [...doc.body.childNodes]) if (node.nodeType === Node.TEXT_NODE && !node.nodeValue.trim()) node.remove();
  for (const h of doc.body.querySelectorAll('h1')) h.outerHTML = `<h2>${h.innerHTML}</h2>`;
  for (const a of doc.body.querySelectorAll('a[href]')) a.setAttribute('href', unwrapLink(a.getAttribute('href')));

  const pictures = [];
  for (const img of [...doc.body.querySelectorAll('img')]) {
    const src = img.getAttribute('src') || '';
    if (src.startsWith(ownPrefix)) continue;
    if (/^(https?:|data:image\/)/i.test(src)) pictures.push(src);
    img.remove();
  }

  // A no-break space from a word processor is an ordinary space in a story.
  const texts = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  while (texts.nextNode()) texts.currentNode.nodeValue = texts.currentNode.nodeValue.replace(/\u00a0/g, ' ');
  return { html: doc.body.innerHTML, pictures };
}

/** A data: address as a file, for the same upload as a dropped picture. */
export function dataUriToFile(uri, name) {
  const [head, body] = uri.split(',', 2);
  const type = /data:([^;,]+)/.exec(head)?.[1] || 'application/octet-stream';
  const bytes = head.includes(';base64') ? Uint8Array.from(atob(body), c => c.charCodeAt(0)) : new TextEncoder().encode(decodeURIComponent(body));
  return new File([bytes], `${name}.${type.split('/')[1] || 'bin'}`, { type });
}
