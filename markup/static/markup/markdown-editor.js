// Preview for markup.widgets.MarkdownTextarea: posts the text to the server,
// which renders it with the same sanitising renderer readers see, and shows
// the result under the textarea. No client-side Markdown: one renderer only.
//
// Event delegation on the document: editors in StreamField blocks added after
// the page loaded work without any set-up of their own.
(() => {
  "use strict";

  // Every form using the widget includes this script; listen once.
  if (window.markupEditorListening) return;
  window.markupEditorListening = true;

  const latestRequest = new WeakMap();

  const csrfToken = (editor) => {
    const input =
      editor.closest("form")?.querySelector("input[name=csrfmiddlewaretoken]") ||
      document.querySelector("input[name=csrfmiddlewaretoken]");
    if (input) return input.value;
    try {
      // The Wagtail admin publishes its settings, the token among them, as JSON.
      const config = JSON.parse(document.getElementById("wagtail-config")?.textContent || "{}");
      if (config.CSRF_TOKEN) return config.CSRF_TOKEN;
    } catch (error) {
      // Fall through to the cookie.
    }
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  };

  const showPreview = async (editor) => {
    const textarea = editor.querySelector("textarea");
    const output = editor.querySelector("[data-markup-editor-output]");
    const url = editor.dataset.markupEditorUrl;
    if (!textarea || !output || !url) return;

    const request = {};
    latestRequest.set(editor, request);
    output.hidden = false;
    output.setAttribute("aria-busy", "true");
    output.textContent = editor.dataset.markupEditorLoading || "";

    let html = null;
    let message = editor.dataset.markupEditorError || "";
    try {
      const response = await fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: {
          "X-CSRFToken": csrfToken(editor),
          // Makes Wagtail answer 403 rather than redirect to its login page.
          "X-Requested-With": "XMLHttpRequest",
        },
        body: new URLSearchParams({ text: textarea.value }),
      });
      const body = await response.text();
      if (response.ok) html = body;
      else if (response.status === 400) message = body; // the server's own, translated
    } catch (error) {
      // Network failure: keep the generic message.
    }

    // A slower, older answer must not overwrite a newer one.
    if (latestRequest.get(editor) !== request) return;
    if (html === null) output.textContent = message;
    else output.innerHTML = html; // sanitised by the server's allow-list
    output.removeAttribute("aria-busy");
  };

  document.addEventListener("click", (event) => {
    const button = event.target.closest?.("[data-markup-editor-preview]");
    const editor = button?.closest("[data-markup-editor]");
    if (!editor) return;
    event.preventDefault();
    showPreview(editor);
  });
})();
