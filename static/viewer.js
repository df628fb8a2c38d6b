// The consultant's document viewer: zoom, rotate and keyboard shortcuts.
// A static file: the page's Content-Security-Policy allows no inline script or style.
(function () {
  "use strict";
  const viewer = document.querySelector("[data-viewer]");
  if (!viewer) return;
  const ZOOMS = [50, 75, 100, 125, 150, 200, 300];
  const level = viewer.querySelector("[data-role=zoom-level]");

  function zoomBy(step) {
    const now = ZOOMS.indexOf(Number(viewer.dataset.zoom));
    const next = step === 0 ? ZOOMS.indexOf(100) : Math.min(ZOOMS.length - 1, Math.max(0, now + step));
    viewer.dataset.zoom = String(ZOOMS[next]);
    if (level) level.textContent = ZOOMS[next] + "%";
  }

  function turnBy(degrees) {
    viewer.dataset.turn = String((Number(viewer.dataset.turn) + degrees + 360) % 360);
  }

  const ACTIONS = {
    "zoom-in": () => zoomBy(1),
    "zoom-out": () => zoomBy(-1),
    "fit": () => zoomBy(0),
    "rotate-left": () => turnBy(-90),
    "rotate-right": () => turnBy(90),
  };

  viewer.querySelectorAll("[data-view]").forEach((button) => {
    button.addEventListener("click", () => ACTIONS[button.dataset.view]());
  });

  function submit(form) {
    if (form) form.requestSubmit();
  }

  const KEYS = {
    "a": () => submit(viewer.querySelector("form[data-action=accept]")),
    "r": () => {
      const reason = viewer.querySelector("form[data-action=reject] select[name=reason]");
      if (reason) { reason.focus(); reason.scrollIntoView({ block: "center" }); }
    },
    "n": () => { const next = viewer.querySelector("[data-action=next]"); if (next) next.click(); },
    "+": ACTIONS["zoom-in"], "=": ACTIONS["zoom-in"], "-": ACTIONS["zoom-out"], "0": ACTIONS.fit,
    "[": ACTIONS["rotate-left"], "]": ACTIONS["rotate-right"],
  };

  document.addEventListener("keydown", (event) => {
    const inForm = event.target.closest("input, select, textarea");
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && inForm) {
      event.preventDefault();
      submit(event.target.closest("form"));
      return;
    }
    if (inForm || event.ctrlKey || event.metaKey || event.altKey) return;
    const action = KEYS[event.key.toLowerCase()];
    if (action) { event.preventDefault(); action(); }
  });
})();
