// The drill on a phone: one question per screen, talking to /api/quizzes.
// The server decides time and grades; this page only shows what it is sent.
// Two clocks: a question's own time closes that question (it stays
// unanswered and the drill goes on); only the whole drill's time, or handing
// in, ends the attempt. A recall card shows its prompt, then its answer (the
// server records that), then the four ratings.
(() => {
  const root = document.getElementById("drill");
  if (!root) return;
  const $ = (sel) => root.querySelector(sel);
  const screen = $("[data-screen]");
  const message = $("[data-message]");
  const submit = $("[data-submit]");
  const next = $("[data-next]");
  const finish = $("[data-finish]");
  const results = $("[data-results]");
  const announcer = $("[data-announce]");
  const countdown = $("[data-countdown]");
  const counter = $("[data-counter]");
  const bar = root.querySelector(".progress__bar");
  const progress = root.querySelector(".progress");
  const t = root.querySelector("[data-strings]").dataset;
  const api = root.dataset.apiRoot;

  let attempt = null;
  let index = 0;
  let timer = null;
  let moveOn = null; // the pause before the next question after a time-up
  let sending = false;
  let collect = null; // returns the response for the question on screen, or null
  // What to say when Answer is pressed with nothing given, by question type.
  const EMPTY = { single: t.chooseOne, multiple: t.chooseSome, short: t.typeFirst,
    numeric: t.typeFirst, matching: t.matchAll };

  async function call(method, url, body, extraHeaders = {}) {
    let response;
    try {
      response = await fetch(url, {
        method,
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": root.dataset.csrf, ...extraHeaders },
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
  function announce(text) { announcer.textContent = text || ""; }

  // Open: neither answered nor closed by its own time.
  const isOpen = (item) => !item.answered && !item.timed_out;

  function el(tag, attrs = {}, html) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
    if (html !== undefined) node.innerHTML = html; // html comes from the server's sanitising renderer
    return node;
  }

  function deadlineMs(seconds) { return seconds == null ? null : Date.now() + seconds * 1000; }

  // Count down to `until` (whole seconds, rounded up: a 45 s question shows
  // 0:45), tell screen readers once when ten seconds or fewer are left, and
  // call onZero when nothing is.
  function tick(until, onZero) {
    clearInterval(timer);
    timer = null;
    announce("");
    if (!until) { countdown.textContent = ""; countdown.classList.remove("countdown--low"); return; }
    let announced = false;
    let over = false;
    const draw = () => {
      if (over) return;
      const left = Math.max(0, Math.ceil((until - Date.now()) / 1000));
      countdown.textContent = `${t.left} ${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
      countdown.classList.toggle("countdown--low", left <= 10);
      if (left > 0 && left <= 10 && !announced) {
        announced = true;
        announce(t.secondsLeft.replace("{n}", left));
      }
      if (left === 0) {
        over = true;
        clearInterval(timer);
        timer = null;
        if (onZero) onZero(); // may start the next clock
      }
    };
    timer = setInterval(draw, 250);
    draw();
  }

  // The clock of the question on screen: its own time or the drill's, whichever ends first.
  function tickFor(item, secondsLeft) {
    const own = secondsLeft == null ? null : deadlineMs(secondsLeft);
    const whole = attempt.deadlineMs;
    if (own !== null && (whole == null || own < whole)) tick(own, () => questionTimeUp(item));
    else tick(whole, drillTimeUp);
  }

  function closeInputs() {
    screen.querySelectorAll("input, button, select").forEach((node) => { node.disabled = true; });
    submit.hidden = true;
  }

  function updateProgress() {
    const done = attempt.items.filter((item) => !isOpen(item)).length;
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
        // A blank choice is no answer (Number("") would send it as 0).
        if (selects.some((s) => s.value === "" || s.selectedIndex <= 0)) return null;
        return { pairs: Object.fromEntries(selects.map((s) => [s.dataset.left, Number(s.value)])) };
      };
    } else if (q.type === "recall") {
      // The prompt first; the answer and the ratings only once asked for.
      const reveal = el("button", { type: "button", class: "button recall__reveal", "data-reveal": "" });
      reveal.textContent = t.show;
      reveal.addEventListener("click", () => revealCard(item, reveal));
      screen.append(reveal);
      if (item.revealed) revealCard(item, reveal); // a reload after the answer was shown
    }
    submit.hidden = !collect;
    next.hidden = true;
    finish.hidden = true;
  }

  async function revealCard(item, button) {
    button.disabled = true;
    let shown;
    try {
      shown = await call("POST", `${api}/attempts/${attempt.id}/items/${item.position}/reveal`);
    } catch (error) {
      button.disabled = false;
      refused(item, error);
      return;
    }
    if (attempt.items[index] !== item || item.answered) return; // moved on meanwhile
    item.revealed = true;
    const back = el("section", { class: "recall__back", tabindex: "-1", "aria-labelledby": "recall-back-title" });
    const title = el("h2", { class: "recall__title", id: "recall-back-title" });
    title.textContent = t.backTitle;
    back.append(title, el("div", {}, shown.back_html));
    const ratings = el("fieldset", { class: "choices ratings", "data-ratings": "" });
    const legend = el("legend", { class: "ratings__legend" });
    legend.textContent = t.rateRecall;
    ratings.append(legend);
    [[1, t.again, t.againHint], [2, t.hard, t.hardHint], [3, t.good, t.goodHint], [4, t.easy, t.easyHint]]
      .forEach(([rating, text, hint]) => {
        const choice = el("button", { type: "button", class: "button choice-button rating" });
        const name = el("span", { class: "rating__name" });
        name.textContent = text;
        const note = el("span", { class: "rating__hint" });
        note.textContent = hint;
        choice.append(name, note);
        choice.addEventListener("click", () => send(item, { rating }));
        ratings.append(choice);
      });
    button.replaceWith(back);
    back.after(ratings);
    back.focus(); // the answer is read first; no rating is chosen for the trainee
  }

  function renderResult(item, result) {
    const verdict = el("p", { class: result.correct ? "verdict verdict--right" : "verdict verdict--wrong" });
    verdict.textContent = result.correct ? `✓ ${t.right}` : `✗ ${t.wrong} (${Math.round(result.score * 100)}%)`;
    screen.append(verdict);
    for (const html of result.feedback_html) screen.append(el("div", { class: "feedback" }, html));
    const s = result.solution;
    if (s.back_html && !screen.querySelector(".recall__back")) screen.append(el("div", { class: "feedback" }, s.back_html));
    // The right answer in words (item texts in order, pairs, 對/錯), already sanitised by the server.
    if (!result.correct && s.correct_html) {
      screen.append(el("div", { class: "feedback" }, `<p>${t.answerWas}:</p>` + s.correct_html));
    }
    if (s.general_feedback_html) screen.append(el("div", { class: "feedback" }, s.general_feedback_html));
  }

  // A refusal from the server: a question's time is up (the drill goes on),
  // the drill's time is up or it was finished elsewhere (it is over), or a
  // message to show beside the question.
  function refused(item, error) {
    if (error.code === "question_time_up") questionTimeUp(item);
    else if (error.code === "too_late" || error.code === "finished") drillOver(error.message);
    else say(error.message);
  }

  // The attempt's answer token lets the server check an answer or the
  // hand-in without reading the whole session.
  function tokenHeader() {
    return attempt.answer_token ? { "X-Answer-Token": attempt.answer_token } : {};
  }

  async function send(item, response) {
    say("");
    submit.disabled = true;
    sending = true;
    try {
      const saved = await call("POST", `${api}/attempts/${attempt.id}/answers`, { position: item.position, response }, tokenHeader());
      item.answered = true;
      updateProgress();
      closeInputs();
      if (saved.result) renderResult(item, saved.result);
      else { const p = el("p", { class: "feedback" }); p.textContent = t.saved; screen.append(p); }
      tick(attempt.deadlineMs, drillTimeUp); // the question's own clock stops with its answer
      showNavigation();
    } catch (error) {
      sending = false; // the server has decided: a time-up may close the question now
      refused(item, error);
    } finally {
      sending = false;
      submit.disabled = false;
    }
  }

  // The question's own time ran out: say so, close it, and go on to the next
  // open question; it stays unanswered. The attempt itself goes on.
  function questionTimeUp(item) {
    if (item.answered || item.timed_out || sending) return; // an answer in flight: the server decides
    item.timed_out = true;
    if (attempt.items[index] === item) closeInputs();
    say(t.timeUpQuestion);
    updateProgress();
    tick(attempt.deadlineMs, drillTimeUp);
    if (attempt.deadlineMs == null) countdown.textContent = t.timeUp;
    if (attempt.items.some(isOpen)) {
      clearTimeout(moveOn);
      moveOn = setTimeout(goNext, 2000);
    }
    showNavigation();
  }

  // The whole drill's time ran out: hand it in with the answers given, and
  // stay on this page to say why, with a link to the results. Should the
  // hand-in not get through, the server closes the attempt at its deadline.
  async function drillTimeUp() {
    closeInputs();
    try {
      await call("POST", `${api}/attempts/${attempt.id}/finish`, undefined, tokenHeader());
    } catch (error) {
      // Already finished, or no connection: either way the drill is over.
    }
    drillOver(t.timeUpDrill);
  }

  function drillOver(text) {
    clearInterval(timer);
    clearTimeout(moveOn);
    closeInputs();
    next.hidden = true;
    finish.hidden = true;
    say(text);
    results.href = root.dataset.resultsUrl.replace("/0/", `/${attempt.id}/`);
    results.hidden = false;
    results.focus();
  }

  function showNavigation() {
    const remaining = attempt.items.some(isOpen);
    next.hidden = !remaining;
    finish.hidden = remaining;
    (remaining ? next : finish).focus();
  }

  function goNext() {
    clearTimeout(moveOn);
    const following = attempt.items.findIndex((item, i) => i > index && isOpen(item));
    const target = following >= 0 ? following : attempt.items.findIndex(isOpen);
    if (target >= 0) show(target);
  }

  async function show(position) {
    index = position;
    const item = attempt.items[position];
    updateProgress();
    renderQuestion(item);
    tick(null);
    // Only a question with its own clock is opened on the server, which
    // starts that clock; any other is shown from what the start sent, with
    // no request (the drill's own clock runs here, and the server refuses a
    // late answer).
    if (item.seconds_left != null) {
      try {
        const opened = await call("POST", `${api}/attempts/${attempt.id}/items/${item.position}/open`);
        if (opened.timed_out) { questionTimeUp(item); return; }
        tickFor(item, opened.seconds_left);
      } catch (error) {
        refused(item, error);
        return;
      }
    } else {
      tickFor(item, null);
    }
    if (!item.answered && !item.timed_out) focusQuestion();
  }

  // Focus the first thing to do; on a recall card, its prompt's button or its
  // shown answer, never a rating.
  function focusQuestion() {
    const first = screen.querySelector(".recall__back")
      || screen.querySelector("input:not(:disabled), button:not(:disabled), select:not(:disabled)");
    if (first) first.focus();
  }

  async function finishAttempt() {
    clearInterval(timer);
    clearTimeout(moveOn);
    try {
      await call("POST", `${api}/attempts/${attempt.id}/finish`, undefined, tokenHeader());
    } catch (error) {
      if (error.code !== "finished") { say(error.message); return; }
    }
    window.location.href = root.dataset.resultsUrl.replace("/0/", `/${attempt.id}/`);
  }

  submit.addEventListener("click", () => {
    const item = attempt.items[index];
    const response = collect && collect();
    if (response) { send(item, response); return; }
    // Nothing given: nothing is sent; say what to do, beside the question.
    say(EMPTY[item.question.type] || t.chooseOne);
    const first = screen.querySelector("input, select");
    if (first) first.focus();
  });
  next.addEventListener("click", goNext);
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
    const first = attempt.items.findIndex(isOpen);
    if (first < 0) {
      // A reload with every question answered (or out of time): say so, offer the hand-in.
      index = attempt.items.length - 1;
      updateProgress();
      screen.replaceChildren();
      say(t.allDone);
      tick(attempt.deadlineMs, drillTimeUp);
      showNavigation();
      return;
    }
    show(first);
  })();
})();
