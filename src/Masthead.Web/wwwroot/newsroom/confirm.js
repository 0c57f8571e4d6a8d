// Asks before actions that are hard to take back (unpublish, restore an old version, merge tags): a button or form
// with data-confirm="question" submits only if the person says yes. Runs before any other submit handler, so a
// "no" leaves the page exactly as it was.
document.addEventListener("submit", (event) => {
  const question = event.submitter?.dataset.confirm ?? event.target.dataset?.confirm;
  if (question && !window.confirm(question)) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}, true);
