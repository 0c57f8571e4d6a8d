// Live blogs: while coverage runs, asks the page's update document for entries newer than the newest shown and
// puts them on top, telling screen-reader users politely how many arrived. The page is complete without this.
(() => {
  "use strict";
  const blog = document.querySelector("[data-live-updates]");
  if (!blog || !window.fetch || !window.DOMParser) return;
  const list = blog.querySelector(".live-blog__entries");
  const announcer = blog.querySelector("[data-live-announcer]");
  const source = blog.getAttribute("data-live-updates");
  let after = Number(blog.getAttribute("data-after")) || 0;
  const every = 10000;

  async function poll() {
    // A hidden tab waits; its reader catches up when they come back.
    if (document.hidden) return schedule();
    try {
      const response = await fetch(`${source}?after=${after}`, { credentials: "omit" });
      if (!response.ok) return schedule();
      // Parsed, not assigned as innerHTML: nothing in the document runs, and it is the server's own sanitised markup.
      const doc = new DOMParser().parseFromString(await response.text(), "text/html");
      const updates = doc.querySelector(".live-updates");
      if (!updates) return schedule();
      const entries = Array.from(updates.querySelectorAll("article.live-entry")).filter((e) => !document.getElementById(e.id));
      if (entries.length > 0) {
        // Newest first in the document, so inserting them in order before the current top keeps that order.
        const top = list.firstElementChild;
        for (const entry of entries) list.insertBefore(document.importNode(entry, true), top);
        for (const entry of entries) after = Math.max(after, Number(entry.id.replace("entry-", "")) || 0);
        const empty = blog.querySelector(".live-blog__empty");
        if (empty) empty.remove();
        if (announcer) announcer.textContent = entries.length === 1 ? "1 new update" : `${entries.length} new updates`;
      }
      if (updates.getAttribute("data-live") !== "true") return; // coverage ended: stop asking
    } catch {
      // Offline or a network hiccup: try again next time.
    }
    schedule();
  }

  function schedule() {
    setTimeout(poll, every);
  }

  schedule();
})();
