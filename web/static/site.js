// Progressive enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", () => {
  // A LégisQuébec anchor on a document page (#se:57, #se:55-ss:1-p1:2-p2:a, kept from a
  // redirected LégisQuébec address) goes to our page for that provision.
  const doc = document.querySelector("h1[data-doc]");
  const hash = decodeURIComponent(window.location.hash.slice(1));
  const match = /^se:(\d+(?:_\d+)*)/.exec(hash);
  if (doc && match) {
    window.location.replace(`/${doc.dataset.doc}/${match[1].replaceAll("_", ".")}#${hash}`);
    return;
  }
  // "Cite" copy buttons: shown only where the clipboard can be written.
  if (navigator.clipboard) {
    for (const button of document.querySelectorAll("button.copy[data-copy]")) {
      button.hidden = false;
      button.addEventListener("click", () => {
        navigator.clipboard.writeText(button.dataset.copy).then(() => { button.textContent = button.dataset.copied || "Copied"; });
      });
    }
  }
  // Scroll the unit a permalink (or a LégisQuébec anchor on a section page) names into view
  // and give it focus.
  const anchored = hash && document.getElementById(hash);
  if (anchored && anchored.matches("li.unit") && !document.querySelector("li.unit.target")) {
    anchored.classList.add("target");
    anchored.setAttribute("aria-current", "location");
  }
  const target = document.querySelector("li.unit.target");
  if (target) {
    target.scrollIntoView({ block: "center" });
    target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
  }
});
