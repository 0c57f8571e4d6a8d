/* Masthead settings page: choosing the publication's pictures. Built from src/newsroom-editor/src/picture-picker.js */
(() => {
  // src/library-picker.js
  var FIND_URL = "/newsroom/media/find";
  function pickFromLibrary({ offerUpload = false } = {}) {
    return new Promise((resolve) => {
      const dialog = document.createElement("dialog");
      dialog.className = "nr-dialog nr-picker";
      dialog.setAttribute("aria-labelledby", "nr-picker-title");
      dialog.innerHTML = `
      <h2 id="nr-picker-title">Choose a picture</h2>
      <form class="nr-picker__search" role="search">
        <div class="nr-field">
          <label for="nr-picker-q">Find by name, alt text, caption or credit</label>
          <input id="nr-picker-q" type="search" autocomplete="off">
        </div>
        <button type="submit" class="nr-button nr-button--quiet">Search</button>
      </form>
      <p class="nr-hint" id="nr-picker-status" aria-live="polite"></p>
      <ul class="nr-picker__results" aria-labelledby="nr-picker-title"></ul>
      <div class="nr-actions"></div>`;
      const status = dialog.querySelector("#nr-picker-status");
      const results = dialog.querySelector(".nr-picker__results");
      const actions = dialog.querySelector(".nr-actions");
      let chosen = null;
      let latest = 0;
      if (offerUpload) {
        const upload2 = Object.assign(document.createElement("button"), { type: "button", className: "nr-button", textContent: "Upload a new picture" });
        upload2.addEventListener("click", () => {
          chosen = "upload";
          dialog.close();
        });
        actions.append(upload2);
      }
      const cancel = Object.assign(document.createElement("button"), { type: "button", className: "nr-button nr-button--quiet", textContent: "Cancel" });
      cancel.addEventListener("click", () => dialog.close());
      actions.append(cancel);
      async function search(q) {
        const mine = ++latest;
        status.textContent = "Searching\u2026";
        try {
          const response = await fetch(`${FIND_URL}?q=${encodeURIComponent(q)}`, { headers: { Accept: "application/json" }, credentials: "same-origin" });
          const items = response.ok ? await response.json() : null;
          if (mine !== latest) return;
          if (!Array.isArray(items)) {
            status.textContent = `The library could not be searched (the server answered ${response.status}).`;
            return;
          }
          results.replaceChildren(...items.map((item) => {
            const li = document.createElement("li");
            const button2 = Object.assign(document.createElement("button"), { type: "button", className: "nr-picker__item" });
            const img = Object.assign(document.createElement("img"), { src: item.preview, alt: "", loading: "lazy", width: 160, height: Math.round(160 * item.height / item.width) });
            const text = Object.assign(document.createElement("span"), { textContent: item.alt || item.fileName });
            button2.append(img, text);
            button2.addEventListener("click", () => {
              chosen = item;
              dialog.close();
            });
            li.append(button2);
            return li;
          }));
          status.textContent = items.length ? `${items.length} picture${items.length === 1 ? "" : "s"}${q ? ` for \u201C${q}\u201D` : ", newest first"}.` : "No pictures match.";
        } catch {
          if (mine !== latest) return;
          status.textContent = "The library could not be reached. Check the connection and search again.";
        }
      }
      dialog.querySelector("form").addEventListener("submit", (event) => {
        event.preventDefault();
        search(dialog.querySelector("#nr-picker-q").value.trim());
      });
      dialog.addEventListener("close", () => {
        dialog.remove();
        resolve(chosen);
      });
      document.body.append(dialog);
      dialog.showModal();
      search("");
    });
  }

  // src/picture-picker.js
  var UPLOAD_URL = "/newsroom/media/upload";
  var csrf = () => document.querySelector("meta[name=csrf-token]")?.content ?? "";
  var element = (tag, props = {}, ...children) => {
    const node = Object.assign(document.createElement(tag), props);
    node.append(...children);
    return node;
  };
  var button = (text) => element("button", { type: "button", className: "nr-button nr-button--quiet nr-button--small", textContent: text });
  async function upload(file) {
    const data = new FormData();
    data.append("file", file);
    let response;
    try {
      response = await fetch(UPLOAD_URL, { method: "POST", body: data, credentials: "same-origin", headers: { "X-CSRF-TOKEN": csrf(), Accept: "application/json" } });
    } catch {
      throw new Error("the connection failed");
    }
    let body = null;
    try {
      body = await response.json();
    } catch {
    }
    if (response.status !== 201 || !body) throw new Error(body?.detail || body?.title || `the server answered ${response.status}`);
    return body;
  }
  function enhance(fieldset) {
    const key = fieldset.id.replace(/-picker$/, "");
    const noun = fieldset.dataset.noun;
    const current = fieldset.querySelector(".nr-picture__current");
    const options = fieldset.querySelector(".nr-picture__options");
    const none = fieldset.querySelector("input[type=radio][value=none]");
    const address = fieldset.querySelector(".nr-picture__address input");
    const fileField = fieldset.querySelector(".nr-picture__upload");
    const fileInput = fileField?.querySelector("input[type=file]");
    if (!current || !options || !none || !fileInput) return;
    const checked = () => fieldset.querySelector(`input[type=radio][name="${none.name}"]:checked`) ?? none;
    const saved = checked().value;
    const choose = button("Choose from the library");
    const add = button("Upload a new picture");
    const clear = button(`Remove the ${noun}`);
    const actions = element("div", { className: "nr-actions nr-picture__actions" }, choose, add, clear);
    const status = element("p", { className: "nr-hint", id: `${key}-status` });
    status.setAttribute("role", "status");
    current.after(actions, status);
    fileField.hidden = true;
    function render() {
      const radio = checked();
      const about = element("div", { className: "nr-picture__about" });
      const parts = [about];
      if (radio.dataset.preview) {
        const width = Number(radio.dataset.width) || 1;
        const height = Number(radio.dataset.height) || 1;
        parts.unshift(element("img", { src: radio.dataset.preview, alt: "", width: 96, height: Math.max(1, Math.round(96 * height / width)) }));
        const title = element(
          "p",
          {},
          element("strong", { textContent: radio.dataset.fileName }),
          " ",
          element("span", { className: "nr-meta", textContent: `from the library, ${width} \xD7 ${height}` })
        );
        const alt = radio.dataset.alt ? element("p", { className: "nr-meta", textContent: `Alt text: \u201C${radio.dataset.alt}\u201D` }) : element(
          "p",
          { className: "nr-meta" },
          "No alt text yet. ",
          element(
            "a",
            { href: `/newsroom/media/${radio.value}`, target: "_blank", rel: "noopener", textContent: "Describe it in the media library" },
            element("span", { className: "visually-hidden", textContent: " (opens in a new tab)" })
          )
        );
        about.append(title, alt);
      } else if (radio.value === "address") {
        about.append(
          element("p", {}, element("strong", { textContent: "A picture at another address" })),
          element("p", { className: "nr-meta nr-picture__url", textContent: address?.value.trim() || "Type its address below." })
        );
      } else {
        about.append(element("p", { textContent: `No ${noun}.` }));
      }
      if (radio.value !== saved) about.append(element("p", { className: "nr-meta", textContent: "Not saved yet: save the settings to use it." }));
      current.replaceChildren(...parts);
      clear.hidden = radio === none;
    }
    function select(picture, fileName) {
      const value = String(picture.id);
      let radio = [...options.querySelectorAll(`input[type=radio][name="${none.name}"]`)].find((r) => r.value === value);
      if (!radio) {
        const id = `${key}-pick-${value}`;
        radio = element("input", { type: "radio", id, name: none.name, value });
        Object.assign(radio.dataset, {
          preview: picture.preview || picture.url,
          fileName: picture.fileName || fileName || "",
          alt: picture.alt || "",
          width: picture.width,
          height: picture.height
        });
        const label = element(
          "label",
          { htmlFor: id },
          element("img", { src: radio.dataset.preview, alt: "", width: 48, height: 48 }),
          element("span", { textContent: picture.alt || radio.dataset.fileName })
        );
        options.prepend(element("div", { className: "nr-picture__option" }, radio, label));
      }
      radio.checked = true;
      render();
    }
    choose.addEventListener("click", async () => {
      const picture = await pickFromLibrary({ offerUpload: true });
      if (picture === "upload") return fileInput.click();
      if (picture) {
        select(picture);
        status.textContent = `Chose \u201C${picture.alt || picture.fileName}\u201D as the ${noun}. Save the settings to use it.`;
      }
      choose.focus();
    });
    add.addEventListener("click", () => fileInput.click());
    fileInput.addEventListener("change", async () => {
      const file = fileInput.files?.[0];
      if (!file) return;
      status.textContent = `Uploading ${file.name}\u2026`;
      add.disabled = true;
      try {
        const picture = await upload(file);
        select(picture, file.name);
        status.textContent = `Uploaded ${file.name} to the media library and chose it as the ${noun}. Save the settings to use it.`;
      } catch (problem) {
        status.textContent = `${file.name} was not uploaded: ${problem.message}. The ${noun} has not changed.`;
      } finally {
        fileInput.value = "";
        add.disabled = false;
        add.focus();
      }
    });
    clear.addEventListener("click", () => {
      none.checked = true;
      render();
      status.textContent = `The ${noun} is removed once you save the settings.`;
      choose.focus();
    });
    fieldset.addEventListener("change", (event) => {
      if (event.target.type === "radio") render();
    });
    address?.addEventListener("input", () => {
      if (address.value.trim()) fieldset.querySelector("input[type=radio][value=address]").checked = true;
      render();
    });
    clear.hidden = checked() === none;
  }
  document.querySelectorAll("[data-picture-picker]").forEach(enhance);
})();
