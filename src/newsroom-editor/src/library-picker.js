// Choosing an earlier picture from the media library, for the story's body and its hero image.
const FIND_URL = '/newsroom/media/find';

/**
 * Opens a modal dialog that searches the library. Resolves to the chosen picture, to 'upload' when the writer
 * asks to upload a new one instead (only offered when `offerUpload` is set), or to null when cancelled.
 */
export function pickFromLibrary({ offerUpload = false } = {}) {
  return new Promise(resolve => {
    const dialog = document.createElement('dialog');
    dialog.className = 'nr-dialog nr-picker';
    dialog.setAttribute('aria-labelledby', 'nr-picker-title');
    dialog.innerHTML = `
      <h2 id="nr-picker-title">Choose a picture</h2>
      <form class="nr-picker__search" role="search">
        <div class="nr-field">
          <label for="nr-picker-q">Find by name, alt text, caption or credit</label>
          <input id="nr-picker-q" type="search" autocomplete="off">
        </div>
        <button type="submit" class="nr-button nr-button--quiet">Search</button>
      </form>
      <p class="nr-hint" id="nr-picker-status" aria-live="polite"></p>
      <ul class="nr-picker__results" aria-labelledby="nr-picker-title"></ul>
      <div class="nr-actions"></div>`;
    const status = dialog.querySelector('#nr-picker-status');
    const results = dialog.querySelector('.nr-picker__results');
    const actions = dialog.querySelector('.nr-actions');
    let chosen = null;
    let latest = 0; // only the newest search may fill the list, whatever order the answers come back in

    if (offerUpload) {
      const upload = Object.assign(document.createElement('button'), { type: 'button', className: 'nr-button', textContent: 'Upload a new picture' });
      upload.addEventListener('click', () => { chosen = 'upload'; dialog.close(); });
      actions.append(upload);
    }
    const cancel = Object.assign(document.createElement('button'), { type: 'button', className: 'nr-button nr-button--quiet', textContent: 'Cancel' });
    cancel.addEventListener('click', () => dialog.close());
    actions.append(cancel);

    async function search(q) {
      const mine = ++latest;
      status.textContent = 'Searching…';
      try {
        const response = await fetch(`${FIND_URL}?q=${encodeURIComponent(q)}`, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
        const items = response.ok ? await response.json() : null;
        if (mine !== latest) return;
        if (!Array.isArray(items)) { status.textContent = `The library could not be searched (the server answered ${response.status}).`; return; }
        results.replaceChildren(...items.map(item => {
          const li = document.createElement('li');
          const button = Object.assign(document.createElement('button'), { type: 'button', className: 'nr-picker__item' });
          const img = Object.assign(document.createElement('img'), { src: item.preview, alt: '', loading: 'lazy', width: 160, height: Math.round(160 * item.height / item.width) });
          const text = Object.assign(document.createElement('span'), { textContent: item.alt || item.fileName });
          button.append(img, text);
          button.addEventListener('click', () => { chosen = item; dialog.close(); });
          li.append(button);
          return li;
        }));
        status.textContent = items.length ? `${items.length} picture${items.length === 1 ? '' : 's'}${q ? ` for “${q}”` : ', newest first'}.` : 'No pictures match.';
      } catch {
        if (mine !== latest) return;
        status.textContent = 'The library could not be reached. Check the connection and search again.';
      }
    }

    dialog.querySelector('form').addEventListener('submit', event => {
      event.preventDefault();
      search(dialog.querySelector('#nr-picker-q').value.trim());
    });
    dialog.addEventListener('close', () => { dialog.remove(); resolve(chosen); });
    document.body.append(dialog);
    dialog.showModal();
    search('');
  });
}

/** A "Choose from the library" button beside the hero image's address, filling in what the writer left empty. */
export function attachHeroPicker(form) {
  const url = form.querySelector('#f-hero-url');
  if (!url) return;
  const button = Object.assign(document.createElement('button'), { type: 'button', className: 'nr-button nr-button--quiet nr-button--small', textContent: 'Choose from the library' });
  button.addEventListener('click', async () => {
    const item = await pickFromLibrary();
    if (!item || item === 'upload') return button.focus();
    const set = (selector, value, onlyIfEmpty) => {
      const input = form.querySelector(selector);
      if (!input || value == null || (onlyIfEmpty && input.value.trim())) return;
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    };
    set('#f-hero-url', item.url, false);
    set('input[name="Form.HeroWidth"]', String(item.width), false);
    set('input[name="Form.HeroHeight"]', String(item.height), false);
    set('#f-hero-alt', item.alt, true);
    set('#f-hero-caption', item.caption, true);
    set('#f-hero-credit', item.credit, true);
    url.focus();
  });
  url.after(button);
}
