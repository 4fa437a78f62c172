// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // The language menu submits itself on change; the button stays for no-JS use.
  for (const select of document.querySelectorAll("select[data-autosubmit]")) {
    const form = select.form;
    const fallback = form.querySelector("[data-autosubmit-fallback]");
    if (fallback) fallback.classList.add("visually-hidden");
    select.addEventListener("change", () => form.submit());
  }
});
