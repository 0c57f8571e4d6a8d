// The settings page's pictures (the logo, the default social image). The page works without script: a radio list
// of the newest library pictures, an address field and a file to upload with the form. This adds what script can:
// the story editor's library dialog (search the whole library), an upload that happens at once, a button to clear
// the picture, and a preview that follows the choice. The radio buttons stay the one record of what is chosen.
import { pickFromLibrary } from './library-picker.js';

const UPLOAD_URL = '/newsroom/media/upload';
const csrf = () => document.querySelector('meta[name=csrf-token]')?.content ?? '';
const element = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};
const button = text => element('button', { type: 'button', className: 'nr-button nr-button--quiet nr-button--small', textContent: text });

/** Sends one file to the library; resolves to the stored picture, or throws an Error saying why not. */
async function upload(file) {
  const data = new FormData();
  data.append('file', file);
  let response;
  try {
    response = await fetch(UPLOAD_URL, { method: 'POST', body: data, credentials: 'same-origin', headers: { 'X-CSRF-TOKEN': csrf(), Accept: 'application/json' } });
  } catch {
    throw new Error('the connection failed');
  }
  let body = null;
  try { body = await response.json(); } catch { }
  if (response.status !== 201 || !body) throw new Error(body?.detail || body?.title || `the server answered ${response.status}`);
  return body;
}

function enhance(fieldset) {
  const key = fieldset.id.replace(/-picker$/, '');
  const noun = fieldset.dataset.noun;
  const current = fieldset.querySelector('.nr-picture__current');
  const options = fieldset.querySelector('.nr-picture__options');
  const none = fieldset.querySelector('input[type=radio][value=none]');
  const address = fieldset.querySelector('.nr-picture__address input');
  const fileField = fieldset.querySelector('.nr-picture__upload');
  const fileInput = fileField?.querySelector('input[type=file]');
  if (!current || !options || !none || !fileInput) return;
  const checked = () => fieldset.querySelector(`input[type=radio][name="${none.name}"]:checked`) ?? none;
  const saved = checked().value;

  const choose = button('Choose from the library');
  const add = button('Upload a new picture');
  const clear = button(`Remove the ${noun}`);
  const actions = element('div', { className: 'nr-actions nr-picture__actions' }, choose, add, clear);
  const status = element('p', { className: 'nr-hint', id: `${key}-status` });
  status.setAttribute('role', 'status');
  current.after(actions, status);
  // The file goes up as soon as it is chosen, so the field under the list is not needed; its input still opens the file chooser.
  fileField.hidden = true;

  function render() {
    const radio = checked();
    const about = element('div', { className: 'nr-picture__about' });
    const parts = [about];
    if (radio.dataset.preview) {
      const width = Number(radio.dataset.width) || 1;
      const height = Number(radio.dataset.height) || 1;
      parts.unshift(element('img', { src: radio.dataset.preview, alt: '', width: 96, height: Math.max(1, Math.round(96 * height / width)) }));
      const title = element('p', {}, element('strong', { textContent: radio.dataset.fileName }), ' ',
        element('span', { className: 'nr-meta', textContent: `from the library, ${width} × ${height}` }));
      const alt = radio.dataset.alt
        ? element('p', { className: 'nr-meta', textContent: `Alt text: “${radio.dataset.alt}”` })
        : element('p', { className: 'nr-meta' }, 'No alt text yet. ',
          element('a', { href: `/newsroom/media/${radio.value}`, target: '_blank', rel: 'noopener', textContent: 'Describe it in the media library' },
            element('span', { className: 'visually-hidden', textContent: ' (opens in a new tab)' })));
      about.append(title, alt);
    } else if (radio.value === 'address') {
      about.append(element('p', {}, element('strong', { textContent: 'A picture at another address' })),
        element('p', { className: 'nr-meta nr-picture__url', textContent: address?.value.trim() || 'Type its address below.' }));
    } else {
      about.append(element('p', { textContent: `No ${noun}.` }));
    }
    if (radio.value !== saved) about.append(element('p', { className: 'nr-meta', textContent: 'Not saved yet: save the settings to use it.' }));
    current.replaceChildren(...parts);
    clear.hidden = radio === none;
  }

  /** Checks the picture's radio button, adding one at the top of the list when it is not among the newest. */
  function select(picture, fileName) {
    const value = String(picture.id);
    let radio = [...options.querySelectorAll(`input[type=radio][name="${none.name}"]`)].find(r => r.value === value);
    if (!radio) {
      const id = `${key}-pick-${value}`;
      radio = element('input', { type: 'radio', id, name: none.name, value });
      Object.assign(radio.dataset, {
        preview: picture.preview || picture.url, fileName: picture.fileName || fileName || '', alt: picture.alt || '',
        width: picture.width, height: picture.height,
      });
      const label = element('label', { htmlFor: id },
        element('img', { src: radio.dataset.preview, alt: '', width: 48, height: 48 }), element('span', { textContent: picture.alt || radio.dataset.fileName }));
      options.prepend(element('div', { className: 'nr-picture__option' }, radio, label));
    }
    radio.checked = true;
    render();
  }

  choose.addEventListener('click', async () => {
    const picture = await pickFromLibrary({ offerUpload: true });
    if (picture === 'upload') return fileInput.click();
    if (picture) {
      select(picture);
      status.textContent = `Chose “${picture.alt || picture.fileName}” as the ${noun}. Save the settings to use it.`;
    }
    choose.focus();
  });
  add.addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    if (!file) return;
    status.textContent = `Uploading ${file.name}…`;
    add.disabled = true;
    try {
      const picture = await upload(file);
      select(picture, file.name);
      status.textContent = `Uploaded ${file.name} to the media library and chose it as the ${noun}. Save the settings to use it.`;
    } catch (problem) {
      status.textContent = `${file.name} was not uploaded: ${problem.message}. The ${noun} has not changed.`;
    } finally {
      fileInput.value = ''; // the file is in the library now (or refused): the form must not send it again
      add.disabled = false;
      add.focus();
    }
  });
  clear.addEventListener('click', () => {
    none.checked = true;
    render();
    status.textContent = `The ${noun} is removed once you save the settings.`;
    choose.focus();
  });
  fieldset.addEventListener('change', event => { if (event.target.type === 'radio') render(); });
  address?.addEventListener('input', () => {
    if (address.value.trim()) fieldset.querySelector('input[type=radio][value=address]').checked = true;
    render();
  });
  clear.hidden = checked() === none; // the server drew the preview of what is saved
}

document.querySelectorAll('[data-picture-picker]').forEach(enhance);
