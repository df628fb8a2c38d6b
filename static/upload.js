// Uploads without a page reload: per-file progress, drag and drop, the phone camera,
// and the item's status followed until the background checks finish.
// Without JavaScript the plain forms post and redirect back.
(function () {
  "use strict";
  var POLL_MS = 1500;
  var TOUCH = !!(window.matchMedia && window.matchMedia("(pointer: coarse)").matches);
  // The page gives the script its few words in the reader's language.
  var SCRIPT = document.currentScript;
  var NETWORK_ERROR = (SCRIPT && SCRIPT.dataset.networkError) || "network error, please try again";
  var TOO_LARGE = (SCRIPT && SCRIPT.dataset.tooLarge) || "%(name)s is larger than %(mb)s MB.";

  function csrf(form) { return form.querySelector("input[name=csrf_token]").value; }

  function progressRow(form, file) {
    var row = document.createElement("div");
    row.className = "upload-progress";
    var label = document.createElement("span");
    label.textContent = file.name;
    var bar = document.createElement("progress");
    bar.max = 100; bar.value = 0;
    bar.setAttribute("aria-label", file.name);
    row.appendChild(label); row.appendChild(bar);
    form.querySelector(".progress-list").appendChild(row);
    return { row: row, bar: bar, label: label };
  }

  function showError(ui, message) {
    ui.row.classList.add("error");
    ui.row.setAttribute("role", "alert");
    ui.label.textContent = message;
  }

  // The item's limit, as its page shows it: a file over it is refused before it is sent.
  function overLimit(form, file) {
    var max = parseInt(form.dataset.maxBytes || "0", 10);
    return max > 0 && file.size > max;
  }

  function megabytes(size) { return String(Math.round(size / 104857.6) / 10); }

  function send(form, file) {
    return new Promise(function (resolve) {
      var ui = progressRow(form, file);
      if (overLimit(form, file)) {
        showError(ui, TOO_LARGE.replace("%(name)s", file.name)
          .replace("%(mb)s", megabytes(parseInt(form.dataset.maxBytes, 10))));
        resolve(false);
        return;
      }
      var data = new FormData();
      form.querySelectorAll("input[type=hidden]").forEach(function (field) {
        data.append(field.name, field.value);
      });
      data.append("file", file, file.name);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.setRequestHeader("X-CSRFToken", csrf(form));
      xhr.upload.onprogress = function (e) {
        if (e.lengthComputable) { ui.bar.value = Math.round((100 * e.loaded) / e.total); }
      };
      xhr.onload = function () {
        ui.bar.value = 100;
        if (xhr.status >= 400) {
          var message = xhr.statusText;
          try { message = JSON.parse(xhr.responseText).error || message; } catch (err) { /* html */ }
          showError(ui, file.name + ": " + message);
        }
        resolve(xhr.status < 400);
      };
      xhr.onerror = function () {
        showError(ui, file.name + ": " + NETWORK_ERROR);
        resolve(false);
      };
      xhr.send(data);
    });
  }

  function item(el) { return el.closest("[data-item-id]"); }

  function refresh(itemId) {
    return fetch(window.location.pathname, { credentials: "same-origin" })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var fresh = page.getElementById("item-" + itemId);
        var old = document.getElementById("item-" + itemId);
        if (fresh && old) { keepErrors(old, fresh); old.replaceWith(fresh); enhance(fresh); }
        ["readiness", "readiness-label"].forEach(function (id) {
          var a = page.getElementById(id), b = document.getElementById(id);
          if (a && b) { b.replaceWith(a); }
        });
        if (fresh) { watch(fresh); }
      });
  }

  // Errors stay on screen until the person acts (picks another file): a refresh keeps them.
  function keepErrors(old, fresh) {
    var list = fresh.querySelector("form.upload:not(.replace) .progress-list");
    if (!list) { return; }
    old.querySelectorAll(".upload-progress.error").forEach(function (row) { list.appendChild(row); });
  }

  function clearErrors(li) {
    li.querySelectorAll(".upload-progress").forEach(function (row) { row.remove(); });
  }

  // Still being checked: the item itself, or one of its documents (a translation's checks
  // run while the item keeps its status, e.g. "needs_translation").
  function busy(li) {
    return li.dataset.status === "checking" || !!li.querySelector('[data-check-state="checking"]');
  }

  function stillChecking(state) {
    if (state.status === "checking") { return true; }
    return (state.documents || []).some(function (doc) {
      return doc.checking || (doc.translations || []).some(function (t) { return t.checking; });
    });
  }

  function watch(li) {
    if (!busy(li)) { return; }
    setTimeout(function () {
      if (!li.isConnected) { return; }  // replaced by a newer copy, which has its own watch
      fetch(li.dataset.itemUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (state) {
          if (!stillChecking(state)) { refresh(li.dataset.itemId); } else { watch(li); }
        })
        .catch(function () { watch(li); });
    }, POLL_MS);
  }

  function uploadAll(form, files) {
    var li = item(form);
    clearErrors(li);
    var chain = Promise.resolve(false);
    Array.prototype.forEach.call(files, function (file) {
      chain = chain.then(function (sentBefore) {
        return send(form, file).then(function (sent) { return sentBefore || sent; });
      });
    });
    // Only a file that arrived changes the item; otherwise its errors are all there is to show.
    chain.then(function (anySent) { if (anySent) { refresh(li.dataset.itemId); } });
  }

  function enhance(root) {
    root.querySelectorAll("form.upload").forEach(function (form) {
      var input = form.querySelector("input[type=file]");
      var submit = form.querySelector("button[type=submit]");
      if (submit) { submit.hidden = true; }
      input.addEventListener("change", function () {
        if (input.files.length) { uploadAll(form, input.files); }
      });
      var drop = form.querySelector(".drop");
      if (drop) {
        drop.addEventListener("dragover", function (e) { e.preventDefault(); drop.classList.add("over"); });
        drop.addEventListener("dragleave", function () { drop.classList.remove("over"); });
        drop.addEventListener("drop", function (e) {
          e.preventDefault(); drop.classList.remove("over");
          if (e.dataTransfer.files.length) { uploadAll(form, e.dataTransfer.files); }
        });
      }
      var camera = form.querySelector("[data-camera]");
      if (camera && TOUCH) {  // a desktop picks files; a phone may take a photo at once
        camera.hidden = false;
        camera.addEventListener("click", function () {
          var shot = document.createElement("input");
          shot.type = "file"; shot.accept = "image/*"; shot.setAttribute("capture", "environment");
          shot.addEventListener("change", function () { if (shot.files.length) { uploadAll(form, shot.files); } });
          shot.click();
        });
      }
    });
  }

  enhance(document);
  document.querySelectorAll("[data-item-id]").forEach(watch);
})();
