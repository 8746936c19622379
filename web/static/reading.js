// Find in document (the reading view): counts the occurrences of the words typed, ignoring case
// and accents, marks them, and steps through them with Next / Previous (Enter, Shift+Enter).
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form[data-find]");
  const text = document.getElementById("read-text");
  if (!form || !text) return;
  const input = form.querySelector("input");
  const count = form.querySelector("output");
  // The words, in the page's language, come from the form: data-none, data-one, data-many ({n}), data-position ({i}, {n}).
  const say = (key, n, i) => form.dataset[key].replace("{n}", n).replace("{i}", i);
  let hits = [];
  let current = -1;
  let searched = null;
  form.hidden = false;

  // One character folded for comparison: lower case, accents removed.
  const fold = (c) => c.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

  function clear() {
    for (const mark of text.querySelectorAll("mark.find-hit")) {
      const parent = mark.parentNode;
      parent.replaceChild(document.createTextNode(mark.textContent), mark);
      parent.normalize();
    }
    hits = [];
    current = -1;
  }

  function find(query) {
    clear();
    searched = query;
    const needle = Array.from(query).map(fold).join("");
    if (!needle.trim()) {
      count.textContent = "";
      return;
    }
    const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    for (const node of nodes) {
      const source = node.nodeValue;
      let folded = "";
      const offsets = []; // offsets[i]: index in source of the character that folded[i] comes from
      for (let i = 0; i < source.length; i++) {
        const f = fold(source[i]);
        for (let k = 0; k < f.length; k++) offsets.push(i);
        folded += f;
      }
      offsets.push(source.length);
      const spans = [];
      let at = folded.indexOf(needle);
      while (at !== -1) {
        spans.push([offsets[at], offsets[at + needle.length - 1] + 1]);
        at = folded.indexOf(needle, at + needle.length);
      }
      if (!spans.length) continue;
      const fragment = document.createDocumentFragment();
      let pos = 0;
      for (const [start, end] of spans) {
        fragment.append(source.slice(pos, start));
        const mark = document.createElement("mark");
        mark.className = "find-hit";
        mark.textContent = source.slice(start, end);
        fragment.append(mark);
        hits.push(mark);
        pos = end;
      }
      fragment.append(source.slice(pos));
      node.parentNode.replaceChild(fragment, node);
    }
    count.textContent = hits.length === 0 ? say("none") : hits.length === 1 ? say("one") : say("many", hits.length);
  }

  function step(direction) {
    if (input.value !== searched) find(input.value);
    if (!hits.length) return;
    if (current >= 0) hits[current].classList.remove("current");
    current = (current + direction + hits.length) % hits.length;
    const hit = hits[current];
    hit.classList.add("current");
    for (let open = hit.closest("details:not([open])"); open; open = open.parentElement.closest("details:not([open])")) {
      open.open = true;
    }
    hit.scrollIntoView({ block: "center" });
    count.textContent = say("position", hits.length, current + 1);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    step(event.submitter && event.submitter.dataset.step === "-1" ? -1 : 1);
  });
  form.querySelector("button[data-step='-1']").addEventListener("click", () => step(-1));
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.shiftKey) {
      event.preventDefault();
      step(-1);
    }
  });
});
