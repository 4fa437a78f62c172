// Course progress bars: the width comes from data-percent, since the pages'
// Content-Security-Policy allows no inline style attributes. The numbers under
// the bar say the same without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  for (const bar of document.querySelectorAll(".progress__bar[data-percent]")) {
    const percent = Math.max(0, Math.min(100, Number(bar.dataset.percent) || 0));
    bar.style.width = `${percent}%`;
  }
});
