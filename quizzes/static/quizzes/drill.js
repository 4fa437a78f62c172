// The drill on a phone: one question per screen, talking to /api/quizzes.
// The server decides time and grades; this page only shows what it is sent.
(() => {
  const root = document.getElementById("drill");
  if (!root) return;
  const $ = (sel) => root.querySelector(sel);
  const screen = $("[data-screen]");
  const message = $("[data-message]");
  const submit = $("[data-submit]");
  const next = $("[data-next]");
  const finish = $("[data-finish]");
  const countdown = $("[data-countdown]");
  const counter = $("[data-counter]");
  const bar = root.querySelector(".progress__bar");
  const progress = root.querySelector(".progress");
  const t = root.querySelector("[data-strings]").dataset;
  const api = root.dataset.apiRoot;

  let attempt = null;
  let index = 0;
  let timer = null;
  let collect = null; // returns the response for the question on screen, or null

  async function call(method, url, body) {
    let response;
    try {
      response = await fetch(url, {
        method,
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": root.dataset.csrf },
        body: body ? JSON.stringify(body) : undefined,
      });
    } catch (error) {
      throw { message: t.network };
    }
    const data = await response.json().catch(() => ({}));
    if (!response.ok) throw { status: response.status, ...data, message: data.message || data.detail || t.network };
    return data;
  }

  function say(text) { message.textContent = text || ""; }

  function el(tag, attrs = {}, html) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
    if (html !== undefined) node.innerHTML = html; // html comes from the server's sanitising renderer
    return node;
  }

  function deadlineMs(seconds) { return seconds == null ? null : Date.now() + seconds * 1000; }

  function tick(until) {
    clearInterval(timer);
    if (!until) { countdown.textContent = ""; return; }
    const draw = () => {
      const left = Math.max(0, Math.round((until - Date.now()) / 1000));
      countdown.textContent = `${t.left} ${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
      countdown.classList.toggle("countdown--low", left <= 10);
      if (left === 0) { clearInterval(timer); }
    };
    draw();
    timer = setInterval(draw, 500);
  }

  function updateProgress() {
    const done = attempt.items.filter((item) => item.answered).length;
    const percent = Math.round((100 * done) / attempt.items.length);
    bar.style.width = `${percent}%`;
    progress.setAttribute("aria-valuenow", String(percent));
    counter.textContent = t.counterFormat
      .replace("{n}", Math.min(index + 1, attempt.items.length))
      .replace("{total}", attempt.items.length);
  }

  function choiceList(question, multiple) {
    const list = el("fieldset", { class: "choices" });
    list.append(el("legend", { class: "visually-hidden" }, ""));
    for (const choice of question.choices) {
      const id = `choice-${choice.id}`;
      const label = el("label", { class: "choice", for: id });
      const input = el("input", { type: multiple ? "checkbox" : "radio", name: "choice", id, value: choice.id });
      label.append(input, el("span", {}, choice.html));
      list.append(label);
    }
    screen.append(list);
    return () => {
      const picked = [...list.querySelectorAll("input:checked")].map((i) => Number(i.value));
      if (!picked.length) return null;
      return multiple ? { choices: picked } : { choice: picked[0] };
    };
  }

  function renderQuestion(item) {
    const q = item.question;
    screen.replaceChildren(el("div", { class: "stem" }, q.stem_html));
    collect = null;
    if (q.type === "single" || q.type === "multiple") collect = choiceList(q, q.type === "multiple");
    else if (q.type === "true_false") {
      const box = el("div", { class: "choices choices--row" });
      for (const [value, text] of [[true, t.true], [false, t.false]]) {
        const button = el("button", { type: "button", class: "button choice-button" });
        button.textContent = text;
        button.addEventListener("click", () => send(item, { answer: value }));
        box.append(button);
      }
      screen.append(box);
    } else if (q.type === "short" || q.type === "numeric") {
      const label = el("label", { for: "answer-input", class: "answer-label" });
      label.textContent = t.typeAnswer + (q.unit ? ` (${q.unit})` : "");
      const input = el("input", { id: "answer-input", class: "answer-input", autocomplete: "off",
        inputmode: q.type === "numeric" ? "decimal" : "text" });
      input.addEventListener("keydown", (e) => { if (e.key === "Enter") submit.click(); });
      screen.append(label, input);
      collect = () => (input.value.trim() ? (q.type === "numeric" ? { value: input.value } : { text: input.value }) : null);
    } else if (q.type === "ordering") {
      const list = el("ol", { class: "ordering" });
      const move = (li, delta) => {
        const sibling = delta < 0 ? li.previousElementSibling : li.nextElementSibling;
        if (sibling) (delta < 0 ? sibling.before(li) : sibling.after(li));
      };
      for (const entry of q.items) {
        const li = el("li", { "data-id": entry.id });
        li.append(el("span", { class: "ordering__text" }, entry.html));
        for (const [delta, text, symbol] of [[-1, t.up, "↑"], [1, t.down, "↓"]]) {
          const button = el("button", { type: "button", class: "button button--small", "aria-label": text });
          button.textContent = symbol;
          button.addEventListener("click", () => move(li, delta));
          li.append(button);
        }
        list.append(li);
      }
      screen.append(list);
      collect = () => ({ order: [...list.children].map((li) => Number(li.dataset.id)) });
    } else if (q.type === "matching") {
      const box = el("div", { class: "matching" });
      const selects = [];
      for (const left of q.left) {
        const id = `match-${left.id}`;
        const label = el("label", { for: id }, left.html);
        const select = el("select", { id, "data-left": left.id });
        select.append(el("option", { value: "" }, t.choose));
        for (const right of q.right) {
          const option = el("option", { value: right.id });
          option.textContent = el("div", {}, right.html).textContent;
          select.append(option);
        }
        selects.push(select);
        box.append(label, select);
      }
      screen.append(box);
      collect = () => {
        if (selects.some((s) => s.value === "")) return null;
        return { pairs: Object.fromEntries(selects.map((s) => [s.dataset.left, Number(s.value)])) };
      };
    } else if (q.type === "recall") {
      const box = el("div", { class: "choices choices--row" });
      [[1, t.again], [2, t.hard], [3, t.good], [4, t.easy]].forEach(([rating, text]) => {
        const button = el("button", { type: "button", class: "button choice-button" });
        button.textContent = text;
        button.addEventListener("click", () => send(item, { rating }));
        box.append(button);
      });
      screen.append(box);
    }
    submit.hidden = !collect;
    next.hidden = true;
    finish.hidden = true;
  }

  function renderResult(item, result) {
    const verdict = el("p", { class: result.correct ? "verdict verdict--right" : "verdict verdict--wrong" });
    verdict.textContent = result.correct ? `✓ ${t.right}` : `✗ ${t.wrong} (${Math.round(result.score * 100)}%)`;
    screen.append(verdict);
    for (const html of result.feedback_html) screen.append(el("div", { class: "feedback" }, html));
    const s = result.solution;
    if (s.back_html) screen.append(el("div", { class: "feedback" }, s.back_html));
    if (!result.correct && s.correct !== undefined && typeof s.correct !== "object") {
      const p = el("p", { class: "feedback" });
      p.textContent = `${t.answerWas}: ${s.correct}`;
      screen.append(p);
    } else if (!result.correct && Array.isArray(s.correct) && item.question.choices) {
      const texts = s.correct.map((id) => el("div", {}, item.question.choices[id].html).textContent);
      const p = el("p", { class: "feedback" });
      p.textContent = `${t.answerWas}: ${texts.join("、")}`;
      screen.append(p);
    } else if (!result.correct && Array.isArray(s.correct)) {
      const p = el("p", { class: "feedback" });
      p.textContent = `${t.answerWas}: ${s.correct.join("、")}${s.unit ? " " + s.unit : ""}`;
      screen.append(p);
    }
    if (s.general_feedback_html) screen.append(el("div", { class: "feedback" }, s.general_feedback_html));
  }

  async function send(item, response) {
    say("");
    submit.disabled = true;
    try {
      const saved = await call("POST", `${api}/attempts/${attempt.id}/answers`, { position: item.position, response });
      item.answered = true;
      updateProgress();
      screen.querySelectorAll("input, button, select").forEach((node) => { node.disabled = true; });
      if (saved.result) renderResult(item, saved.result);
      else { const p = el("p", { class: "feedback" }); p.textContent = t.saved; screen.append(p); }
      submit.hidden = true;
      showNavigation();
    } catch (error) {
      say(error.message);
      if (error.code === "finished" || error.code === "too_late") await finishAttempt();
    } finally {
      submit.disabled = false;
    }
  }

  function showNavigation() {
    const remaining = attempt.items.some((item) => !item.answered);
    next.hidden = !remaining;
    finish.hidden = remaining;
    (remaining ? next : finish).focus();
  }

  async function show(position) {
    index = position;
    const item = attempt.items[position];
    updateProgress();
    renderQuestion(item);
    try {
      const opened = await call("POST", `${api}/attempts/${attempt.id}/items/${item.position}/open`);
      if (opened.seconds_left != null) tick(deadlineMs(opened.seconds_left));
      else tick(attempt.deadlineMs);
    } catch (error) {
      say(error.message);
    }
    const first = screen.querySelector("input, button, select");
    if (first) first.focus();
  }

  async function finishAttempt() {
    clearInterval(timer);
    try {
      await call("POST", `${api}/attempts/${attempt.id}/finish`);
    } catch (error) {
      if (error.code !== "finished") { say(error.message); return; }
    }
    window.location.href = root.dataset.resultsUrl.replace("/0/", `/${attempt.id}/`);
  }

  submit.addEventListener("click", () => {
    const response = collect && collect();
    if (response) send(attempt.items[index], response);
  });
  next.addEventListener("click", () => {
    const following = attempt.items.findIndex((item, i) => i > index && !item.answered);
    show(following >= 0 ? following : attempt.items.findIndex((item) => !item.answered));
  });
  finish.addEventListener("click", finishAttempt);

  (async () => {
    try {
      attempt = await call("POST", root.dataset.startUrl);
    } catch (error) {
      screen.replaceChildren();
      say(error.message);
      return;
    }
    attempt.deadlineMs = deadlineMs(attempt.seconds_left);
    const first = attempt.items.findIndex((item) => !item.answered);
    if (first < 0) { showNavigation(); updateProgress(); screen.replaceChildren(); return; }
    show(first);
  })();
})();
