// The print page's "Print" button (shown only with JavaScript; the browser's own
// print command works without it).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
