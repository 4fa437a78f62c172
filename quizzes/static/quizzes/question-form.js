// Show only the answer fields of the chosen question type. Without this
// script every field shows, each label saying which type it is for.
(() => {
  const FIELDS = {
    single: ["choices"], multiple: ["choices"], true_false: ["true_or_false"],
    short: ["answers"], numeric: ["numbers", "unit"], ordering: ["items"],
    matching: ["pairs"], recall: ["back"],
  };
  const ALL = ["choices", "true_or_false", "answers", "numbers", "unit", "items", "pairs", "back"];
  function wrapper(name) {
    const input = document.querySelector(`[name="${name}"]`);
    return input && (input.closest("[data-field-wrapper]") || input.closest(".w-field__wrapper") || input.closest(".w-field"));
  }
  function update(select) {
    const wanted = FIELDS[select.value] || ALL;
    for (const name of ALL) {
      const node = wrapper(name);
      if (node) node.hidden = !wanted.includes(name);
    }
  }
  function init() {
    const select = document.querySelector("[data-question-type-select]");
    if (!select) return;
    update(select);
    select.addEventListener("change", () => update(select));
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
