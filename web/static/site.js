// Scroll the unit a permalink names into view (the page works without this).
document.addEventListener("DOMContentLoaded", () => {
  const target = document.querySelector("li.unit.target");
  if (target) {
    target.scrollIntoView({ block: "center" });
    target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
  }
});
