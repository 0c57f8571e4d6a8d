// Keeps the story editor's search-result and social-card previews, and the character counts under the SEO fields,
// in step with what is typed. Same wording and limits as Newsroom/Stories/SeoPreview.cs, which renders the first look.
(() => {
  'use strict';
  const preview = document.getElementById('seo-preview');
  if (!preview) return;
  const field = id => document.getElementById(id);
  const siteName = preview.dataset.siteName || '';

  const cut = (text, fits) => {
    text = text.trim();
    if (text.length <= fits) return text;
    let part = text.slice(0, fits);
    const space = part.lastIndexOf(' ');
    if (space > fits / 2) part = part.slice(0, space);
    return part.replace(/[ ,;:.]+$/, '') + '…';
  };
  const shown = (id, fallback) => (field(id)?.value.trim() || field(fallback)?.value.trim() || '');

  const update = () => {
    for (const hint of document.querySelectorAll('[data-count]')) {
      const own = field(hint.dataset.count)?.value.trim() ?? '';
      const text = own || field(hint.dataset.fallback)?.value.trim() || '';
      const fits = Number(hint.dataset.fits);
      const what = hint.dataset.count === 'f-seo-title' ? 'the headline' : 'the standfirst';
      hint.textContent = `${text.length} characters; about ${fits} fit in a search result${text.length > fits ? ', so the end will be cut' : ''}.`
        + (own ? '' : ` Left empty, ${what} is used.`);
    }
    const title = shown('f-seo-title', 'f-headline');
    const description = shown('f-seo-description', 'f-standfirst');
    field('serp-title').textContent = cut(`${title} | ${siteName}`, 60);
    field('serp-description').textContent = cut(description, 155);
    field('card-title').textContent = title;
    field('card-description').textContent = cut(description, 110);
    const section = field('f-section')?.value ?? '';
    field('serp-path').textContent = section ? ' › ' + section.split('/').join(' › ') : '';
    // The card shows the hero picture; without one there is no picture to show (and no empty <img> in the page).
    const hero = field('f-hero-url')?.value.trim() ?? '';
    let image = field('card-image');
    if (!hero) { image?.remove(); return; }
    if (!image) {
      image = Object.assign(document.createElement('img'), { id: 'card-image', alt: '' });
      preview.querySelector('.nr-social-card').prepend(image);
    }
    if (image.getAttribute('src') !== hero) image.src = hero;
  };

  for (const id of ['f-headline', 'f-standfirst', 'f-seo-title', 'f-seo-description', 'f-section', 'f-hero-url'])
    for (const type of ['input', 'change']) field(id)?.addEventListener(type, update);
  update();
})();
