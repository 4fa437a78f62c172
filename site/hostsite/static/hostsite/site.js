// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // The language menu submits itself on change; the button stays for no-JS use.
  for (const select of document.querySelectorAll("select[data-autosubmit]")) {
    const form = select.form;
    const fallback = form.querySelector("[data-autosubmit-fallback]");
    if (fallback) fallback.classList.add("visually-hidden");
    select.addEventListener("change", () => form.submit());
  }

  // A table wider than the screen scrolls sideways inside its .table-wrap: keyboard
  // users reach that scroll by focusing the wrap, a region named after the table's
  // caption or the heading before it. Only while it does scroll, so no idle tab stop.
  const wraps = [...document.querySelectorAll(".table-wrap")];
  const headings = [...document.querySelectorAll("h1, h2, h3, h4")];
  const nameOf = (wrap) => {
    const caption = wrap.querySelector("caption");
    const before = headings.filter(
      (h) => h.compareDocumentPosition(wrap) & Node.DOCUMENT_POSITION_FOLLOWING
    );
    const source = caption || before[before.length - 1];
    return source ? source.textContent.trim() : "";
  };
  const reachScrolls = () => {
    for (const wrap of wraps) {
      const scrolls = wrap.scrollWidth > wrap.clientWidth;
      if (scrolls && !wrap.hasAttribute("tabindex")) {
        wrap.dataset.scrollReach = "";
        wrap.tabIndex = 0;
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", nameOf(wrap));
      } else if (!scrolls && "scrollReach" in wrap.dataset) {
        delete wrap.dataset.scrollReach;
        for (const name of ["tabindex", "role", "aria-label"]) wrap.removeAttribute(name);
      }
    }
  };
  if (wraps.length) {
    reachScrolls();
    window.addEventListener("resize", reachScrolls);
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
