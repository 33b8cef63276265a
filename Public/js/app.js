// chitieu — small progressive enhancements; every page works without them.
(function () {
  "use strict";

  // Forms that ask before they act (closing a cycle).
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });

  var form = document.getElementById("report-form");
  if (!form) return;
  var vi = form.dataset.lang === "vi";
  var key = "chitieu-report-" + form.dataset.report;
  var dirty = false;

  // Numbers as people type them: "1.250" and "12,5" in Vietnamese, "1,250" and "12.5" in English.
  function parse(text) {
    var t = (text || "").replace(/\s/g, "");
    if (!t) return null;
    t = vi ? t.replace(/\./g, "").replace(",", ".") : t.replace(/,/g, "");
    var n = Number(t);
    return isFinite(n) ? n : null;
  }

  function format(x) {
    var s = (Math.round(x * 10) / 10).toFixed(1).replace(/\.0$/, "");
    return vi ? s.replace(".", ",") + " %" : s + "%";
  }

  // The percentage of a ratio is computed, never typed.
  function updatePercent(box) {
    var inputs = box.querySelectorAll("input");
    var out = box.querySelector("output");
    var n = parse(inputs[0].value), d = parse(inputs[1].value);
    out.textContent = n !== null && d !== null && d > 0 ? format(100 * n / d) : "";
  }
  form.querySelectorAll(".ratio").forEach(function (box) {
    box.addEventListener("input", function () { updatePercent(box); });
    updatePercent(box);
  });

  function snapshot() {
    var data = {};
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrf" && name !== "version") data[name] = value;
    });
    return data;
  }

  // Nothing typed is lost: a copy is kept in this browser until the server has it, and leaving asks first.
  form.addEventListener("input", function () {
    dirty = true;
    try { localStorage.setItem(key, JSON.stringify({ version: form.dataset.version, values: snapshot() })); } catch (e) {}
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) { event.preventDefault(); event.returnValue = ""; }
  });
  form.addEventListener("submit", function () { dirty = false; });

  var saved = document.getElementById("saved");
  if (saved) { try { localStorage.removeItem(key); } catch (e) {} }
  var kept = null;
  try { kept = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) {}
  var restore = document.getElementById("restore");
  if (kept && restore && !saved && form.querySelector("button[name=intent]")) {
    var current = snapshot();
    var differs = Object.keys(kept.values).some(function (name) { return (current[name] || "") !== kept.values[name]; });
    if (differs) {
      restore.hidden = false;
      document.getElementById("restore-button").addEventListener("click", function () {
        Object.keys(kept.values).forEach(function (name) {
          form.querySelectorAll('[name="' + name.replace(/"/g, '\\"') + '"]').forEach(function (field) {
            if (field.type === "radio") field.checked = field.value === kept.values[name];
            else field.value = kept.values[name];
          });
        });
        form.querySelectorAll(".ratio").forEach(updatePercent);
        dirty = true;
        restore.hidden = true;
      });
    }
  }
})();
