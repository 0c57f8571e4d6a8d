// Story editor behaviour on top of a form that works without script:
// autosave with a visible state, a local copy of unsaved text (kept through network errors and expired
// sessions, offered back on the next visit), live word count, and keyboard shortcuts.
(() => {
  'use strict';
  const form = document.getElementById('story-form');
  if (!form) return;
  const state = document.getElementById('save-state');
  const wordCount = document.getElementById('word-count');
  const body = document.getElementById('f-body');
  const csrf = document.querySelector('meta[name=csrf-token]')?.content ?? '';
  if (body) body.dataset.csrfToken = csrf;
  let storyId = form.dataset.storyId;
  const localKey = () => `masthead:story:${storyId}`;
  const AUTOSAVE_MS = 4000;
  let dirty = false, saving = false, timer = 0, blocked = false, leaving = false;

  const say = (text, kind) => {
    state.textContent = text;
    state.dataset.kind = kind || '';
  };

  const snapshot = () => {
    const data = {};
    for (const el of form.elements) {
      if (!el.name || el.type === 'submit' || el.type === 'hidden' && el.name !== 'Form.HeroWidth' && el.name !== 'Form.HeroHeight') continue;
      if ((el.type === 'checkbox' || el.type === 'radio')) { if (el.checked) (data[el.name] ??= []).push(el.value); continue; }
      data[el.name] = el.value;
    }
    return data;
  };

  const keepLocally = () => {
    try { localStorage.setItem(localKey(), JSON.stringify({ at: Date.now(), version: form.dataset.version, fields: snapshot() })); } catch { /* storage full or disabled */ }
  };
  const dropLocal = () => { try { localStorage.removeItem(localKey()); } catch { } };

  const countWords = () => {
    if (!wordCount || !body) return;
    const text = body.value.replace(/^:::\S*.*$|[#>*_`\[\]()!-]+|https?:\/\/\S+/gm, ' ');
    const words = (text.match(/[\p{L}\p{N}][\p{L}\p{N}'’]*/gu) || []).length;
    wordCount.textContent = `${words} words · about ${Math.max(1, Math.round(words / 230))} min read`;
  };

  const changed = () => {
    dirty = true;
    keepLocally();
    countWords();
    if (!blocked) say('Unsaved changes', 'dirty');
    clearTimeout(timer);
    timer = setTimeout(autosave, AUTOSAVE_MS);
  };

  async function autosave() {
    if (!dirty || saving || blocked) return;
    saving = true;
    say('Saving…', 'saving');
    const data = new FormData(form);
    data.delete('action');
    try {
      const response = await fetch(`/newsroom/stories/${storyId}?handler=Autosave`, {
        method: 'POST', body: data, credentials: 'same-origin',
        headers: { 'X-CSRF-TOKEN': csrf, 'Accept': 'application/json' },
      });
      if (response.status === 401) {
        say('Your session has ended. Your text is kept in this browser: sign in again in a new tab, then come back; it will be saved.', 'error');
        return;
      }
      if (response.status === 409) {
        blocked = true;
        const clash = await response.json();
        say(`${clash.by} saved this story while you were editing. Press Save to compare their version with yours; nothing is lost.`, 'error');
        return;
      }
      if (!response.ok) {
        const problem = await response.json().catch(() => null);
        const messages = problem && problem.errors ? Object.values(problem.errors).flat().join(' ') : `The server answered ${response.status}.`;
        say(`Not saved: ${messages} Your text is kept in this browser.`, 'error');
        return;
      }
      const saved = await response.json();
      dirty = false;
      if (String(saved.id) !== storyId) {
        // The first autosave of a new story created it: carry on editing it at its own address.
        dropLocal();
        storyId = String(saved.id);
        form.dataset.storyId = storyId;
        history.replaceState(null, '', `/newsroom/stories/${storyId}`);
        form.action = `/newsroom/stories/${storyId}`;
      }
      form.dataset.version = saved.version;
      form.querySelector('input[name="Form.Version"]').value = saved.version;
      const pendingField = form.querySelector('input[name="Form.PendingVersion"]');
      if (pendingField) pendingField.value = saved.pendingVersion ?? 0;
      dropLocal();
      const at = new Date(saved.savedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
      // On a live (or approved) story autosave keeps a working copy: say so, so nobody thinks it went out.
      say(saved.pending ? `Pending changes saved at ${at}; not live yet` : `Saved at ${at}`, 'saved');
    } catch {
      say('Offline: not saved yet. Your text is kept in this browser and will be saved when the connection is back.', 'error');
    } finally {
      saving = false;
      if (dirty && !blocked) timer = setTimeout(autosave, AUTOSAVE_MS * 2);
    }
  }

  // A copy left by a visit that could not save is offered back, never applied silently.
  const offerLocalCopy = () => {
    let kept;
    try { kept = JSON.parse(localStorage.getItem(localKey()) || 'null'); } catch { kept = null; }
    if (!kept || !kept.fields) return;
    const current = snapshot();
    const differs = Object.keys(kept.fields).some(k => JSON.stringify(kept.fields[k]) !== JSON.stringify(current[k]));
    if (!differs) { dropLocal(); return; }
    const box = document.createElement('div');
    box.className = 'nr-alert nr-alert--warn';
    box.setAttribute('role', 'alert');
    box.innerHTML = '<p><strong>This browser kept changes that were not saved</strong> (from <time></time>).</p>';
    box.querySelector('time').textContent = new Date(kept.at).toLocaleString();
    const actions = document.createElement('div');
    actions.className = 'nr-actions';
    const restore = Object.assign(document.createElement('button'), { type: 'button', className: 'nr-button', textContent: 'Restore them' });
    const discard = Object.assign(document.createElement('button'), { type: 'button', className: 'nr-button nr-button--quiet', textContent: 'Discard them' });
    actions.append(restore, discard);
    box.append(actions);
    form.prepend(box);
    restore.addEventListener('click', () => {
      for (const el of form.elements) {
        if (!el.name || !(el.name in kept.fields)) continue;
        const value = kept.fields[el.name];
        if (el.type === 'checkbox' || el.type === 'radio') el.checked = Array.isArray(value) && value.includes(el.value);
        else el.value = value;
        el.dispatchEvent(new Event('input', { bubbles: true }));
      }
      box.remove();
      changed();
    });
    discard.addEventListener('click', () => { dropLocal(); box.remove(); });
  };

  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  // The page's own buttons post the whole form, so what was typed goes with them: no "Leave site?" for those.
  form.addEventListener('submit', () => { keepLocally(); clearTimeout(timer); leaving = true; });
  window.addEventListener('pageshow', () => { leaving = false; });
  window.addEventListener('online', () => { if (dirty) autosave(); });
  window.addEventListener('focus', () => { if (dirty && !blocked) autosave(); });
  window.addEventListener('beforeunload', e => { if (dirty && !leaving) { keepLocally(); e.preventDefault(); } });

  // Ctrl/Cmd+S saves through the form (so the page shows the outcome); Ctrl/Cmd+Shift+P opens the preview.
  document.addEventListener('keydown', e => {
    const mod = e.ctrlKey || e.metaKey;
    if (mod && !e.shiftKey && e.key.toLowerCase() === 's') {
      e.preventDefault();
      form.querySelector('button[value=save]')?.click();
    } else if (mod && e.shiftKey && e.key.toLowerCase() === 'p' && storyId !== 'new') {
      e.preventDefault();
      window.open(`/newsroom/stories/${storyId}/preview`, '_blank', 'noopener');
    }
  });

  // The server says when the last post saved everything: the copy this browser kept for it is no longer needed,
  // and must be dropped before anything is offered back.
  if (form.dataset.savedOk === 'true') dropLocal();
  if (body && window.MastheadEditor && typeof window.MastheadEditor.mount === 'function') window.MastheadEditor.mount(body);
  document.getElementById('error-summary')?.focus();
  offerLocalCopy();
  countWords();
})();
