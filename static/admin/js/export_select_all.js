// "Select all" on django-import-export's export page, bound here instead of an inline onchange
// attribute (which the Content-Security-Policy blocks). Uses the package's own handler when loaded.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input.select-toggle").forEach((toggle) => {
    toggle.addEventListener("change", (event) => {
      if (typeof window.onSelectToggleChange === "function") {
        window.onSelectToggleChange(event);
        return;
      }
      document.querySelectorAll('.selectable-field-export-row input[type="checkbox"]').forEach((box) => {
        box.checked = event.target.checked;
      });
    });
  });
});
