// Keeps the import page's progress bar live by asking the server once a second; reloads for the report at the end.
(() => {
  'use strict';
  const panel = document.getElementById('import-job');
  if (!panel || panel.dataset.finished === 'true' || !window.fetch) return;
  const bar = document.getElementById('import-progress');
  const status = document.getElementById('import-status');
  const started = Date.now();
  let lastAnnounced = 0;
  const tick = async () => {
    try {
      const response = await fetch(`/newsroom/import?handler=status&job=${encodeURIComponent(panel.dataset.job)}`, { headers: { Accept: 'application/json' } });
      if (!response.ok) return;
      const s = await response.json();
      if (s.finished) { location.reload(); return; }
      bar.max = Math.max(1, s.total);
      bar.value = s.done;
      const seconds = (Date.now() - started) / 1000;
      const rate = seconds > 0 ? s.done / seconds : 0;
      const left = rate > 0 && s.total > s.done ? Math.round((s.total - s.done) / rate) : null;
      // Screen readers hear the status every ten seconds, not on every tick.
      if (Date.now() - lastAnnounced > 10000 || lastAnnounced === 0) {
        status.textContent = `${s.phase}: ${s.done} of ${s.total}` + (rate > 0 ? `, ${rate.toFixed(1)} a second` : '') + (left !== null ? `, about ${left} s left` : '');
        lastAnnounced = Date.now();
      }
    } finally {
      setTimeout(tick, 1000);
    }
  };
  setTimeout(tick, 500);
})();
