// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // The language menu submits itself on change; the button stays for no-JS use.
  for (const select of document.querySelectorAll("select[data-autosubmit]")) {
    const form = select.form;
    const fallback = form.querySelector("[data-autosubmit-fallback]");
    if (fallback) fallback.classList.add("visually-hidden");
    select.addEventListener("change", () => form.submit());
  }

  // On a phone the header's menu folds behind one button (the CSS decides the
  // width); without this script the button stays hidden and the menu open.
  const toggle = document.querySelector("[data-menu-toggle]");
  const header = toggle && toggle.closest(".site-header");
  if (header) {
    const setOpen = (open) => {
      toggle.setAttribute("aria-expanded", String(open));
      header.classList.toggle("site-header--open", open);
    };
    header.classList.add("site-header--foldable");
    toggle.hidden = false;
    toggle.addEventListener("click", () => setOpen(toggle.getAttribute("aria-expanded") !== "true"));
    header.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        toggle.focus();
      }
    });
  }
});
