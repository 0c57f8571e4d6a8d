// Uploads from the library page, one file after another with a progress bar; the form still works as a plain POST
// without script. Alt text describes one picture, so it goes with a single upload only (the server does the same).
(() => {
  'use strict';
  const form = document.getElementById('upload-form');
  if (!form || !window.XMLHttpRequest) return;
  const progress = document.getElementById('upload-progress');
  const status = document.getElementById('upload-status');
  const csrf = document.querySelector('meta[name=csrf-token]')?.content ?? '';

  const send = (file, single) => new Promise(resolve => {
    const data = new FormData();
    data.append('file', file);
    for (const name of ['caption', 'credit']) data.append(name, form.elements[name].value);
    if (single) data.append('alt', form.elements.alt.value);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/newsroom/media/upload');
    xhr.setRequestHeader('X-CSRF-TOKEN', csrf);
    xhr.setRequestHeader('Accept', 'application/json');
    progress.value = 0;
    xhr.upload.addEventListener('progress', p => { if (p.lengthComputable) progress.value = Math.round(p.loaded / p.total * 100); });
    xhr.addEventListener('load', () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch { }
      resolve(xhr.status === 201 ? null
        : body && (body.detail || body.title) ? `${file.name}: ${body.detail || body.title}` : `${file.name}: the server answered ${xhr.status}.`);
    });
    xhr.addEventListener('error', () => resolve(`${file.name}: the connection failed.`));
    xhr.send(data);
  });

  form.addEventListener('submit', async e => {
    const files = [...form.querySelector('input[type=file]').files];
    if (files.length === 0) return; // let the server say what is missing
    e.preventDefault();
    progress.hidden = false;
    const failed = [];
    for (const [i, file] of files.entries()) {
      status.textContent = files.length === 1 ? 'Uploading…' : `Uploading ${i + 1} of ${files.length}: ${file.name}`;
      const problem = await send(file, files.length === 1);
      if (problem) failed.push(problem);
    }
    const done = files.length - failed.length;
    if (failed.length === 0) {
      location.href = `/newsroom/media?uploaded=${encodeURIComponent(files.length === 1 ? files[0].name : `${done} pictures`)}`;
      return;
    }
    progress.hidden = true;
    status.textContent = `${done} of ${files.length} uploaded. Not uploaded: ${failed.join(' ')}`;
  });
})();
