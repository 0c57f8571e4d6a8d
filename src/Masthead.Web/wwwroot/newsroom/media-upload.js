// Uploads from the library page with a progress bar; the form still works as a plain POST without script.
(() => {
  'use strict';
  const form = document.getElementById('upload-form');
  if (!form || !window.XMLHttpRequest) return;
  const progress = document.getElementById('upload-progress');
  const status = document.getElementById('upload-status');
  const csrf = document.querySelector('meta[name=csrf-token]')?.content ?? '';
  form.addEventListener('submit', e => {
    const file = form.querySelector('input[type=file]').files[0];
    if (!file) return; // let the server say what is missing
    e.preventDefault();
    const data = new FormData(form);
    data.delete('__RequestVerificationToken');
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/newsroom/media/upload');
    xhr.setRequestHeader('X-CSRF-TOKEN', csrf);
    xhr.setRequestHeader('Accept', 'application/json');
    progress.hidden = false;
    progress.value = 0;
    status.textContent = 'Uploading…';
    xhr.upload.addEventListener('progress', p => { if (p.lengthComputable) progress.value = Math.round(p.loaded / p.total * 100); });
    xhr.addEventListener('load', () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch { }
      if (xhr.status === 201) {
        location.href = `/newsroom/media?uploaded=${encodeURIComponent(file.name)}`;
        return;
      }
      progress.hidden = true;
      status.textContent = body && (body.detail || body.title) ? `Not uploaded: ${body.detail || body.title}` : `Not uploaded (the server answered ${xhr.status}).`;
    });
    xhr.addEventListener('error', () => { progress.hidden = true; status.textContent = 'Not uploaded: the connection failed. Try again.'; });
    xhr.send(data);
  });
})();
