// Video cards: each YouTube card gets a "Play video" button. Nothing is asked of YouTube until the reader presses
// it; then the player (from youtube-nocookie.com, the one frame source the site's policy allows) takes the still's
// place. Without script the card is a link to the video.
(() => {
  "use strict";
  const videoId = /(?:[?&]v=|youtu\.be\/|\/shorts\/|\/embed\/|\/live\/)([A-Za-z0-9_-]{11})(?![A-Za-z0-9_-])/;

  for (const card of document.querySelectorAll("figure.embed--youtube")) {
    const link = card.querySelector("a.embed__link");
    const match = link && videoId.exec(link.href);
    if (!match) continue;
    const words = (card.querySelector(".embed__text")?.textContent ?? "").trim().replace(/\s+/g, " ");
    const about = words.length > 100 ? words.slice(0, 99) + "…" : words;

    const button = document.createElement("button");
    button.type = "button";
    button.className = "embed__play";
    button.textContent = "Play video";
    // The visible words begin the name, so a reader who says "Play video" reaches it; the rest tells the videos apart.
    if (about) button.setAttribute("aria-label", `Play video: ${about}`);

    button.addEventListener("click", () => {
      const frame = document.createElement("iframe");
      frame.className = "embed__frame";
      frame.src = `https://www.youtube-nocookie.com/embed/${match[1]}?autoplay=1`;
      frame.title = about ? `YouTube video: ${about}` : "YouTube video";
      frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      frame.allowFullscreen = true;
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      const poster = card.querySelector(".embed__poster");
      if (poster) poster.replaceWith(frame);
      else card.prepend(frame);
      button.remove();
      frame.focus();
    });

    const poster = card.querySelector(".embed__poster");
    if (poster) poster.after(button);
    else card.prepend(button);
  }
})();
