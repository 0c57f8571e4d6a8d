// Click (or tap) the picture to set its focal point: fills the two number fields, which stay the way to do it by
// keyboard, and marks the spot. Nothing is saved until the form is.
(() => {
  'use strict';
  const image = document.getElementById('focal-image');
  const mark = document.getElementById('focal-mark');
  const x = document.getElementById('fx');
  const y = document.getElementById('fy');
  if (!image || !mark || !x || !y) return;
  const show = () => {
    mark.style.setProperty('--x', x.value || '0.5');
    mark.style.setProperty('--y', y.value || '0.5');
    mark.hidden = false;
  };
  document.getElementById('focal-hint').hidden = false;
  image.classList.add('nr-focal__image');
  image.addEventListener('click', e => {
    const box = image.getBoundingClientRect();
    const round = v => Math.min(1, Math.max(0, v)).toFixed(2);
    x.value = round((e.clientX - box.left) / box.width);
    y.value = round((e.clientY - box.top) / box.height);
    show();
  });
  x.addEventListener('input', show);
  y.addEventListener('input', show);
  show();
})();
