// Uploads without a page reload: per-file progress, drag and drop, the phone camera,
// photos over the item's limit made smaller first, several page photos sent as one PDF
// ("Add a page"), and the item's status followed until the background checks finish.
// Without JavaScript the plain forms post and redirect back.
(function () {
  "use strict";
  var POLL_MS = 1500;
  var MAX_SIDE = 3508;  // an A4 page at 300 dpi: a shrunk photo keeps this much detail
  var SHRINKABLE = /^image\/(jpeg|png|webp)$/;
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
    form.querySelector(".progress-list, .capture-progress").appendChild(row);
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

  function sizeLabel(n) { return megabytes(n) + " MB"; }

  // Draw the photo (upright, as the camera meant it) on a canvas and encode it as a JPEG,
  // lowering the quality, then the size, until it fits. Anything that fails: the original.
  function shrink(file, maxBytes) {
    if (!maxBytes || file.size <= maxBytes || !SHRINKABLE.test(file.type) || !window.createImageBitmap) {
      return Promise.resolve(file);
    }
    return createImageBitmap(file, { imageOrientation: "from-image" })
      .then(function (bitmap) {
        var scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
        return encodeUnder(bitmap, scale, 0.9, maxBytes);
      })
      .then(function (blob) {
        var name = file.name.replace(/\.[^.]*$/, "") + ".jpg";
        return new File([blob], name, { type: "image/jpeg" });
      })
      .catch(function () { return file; });
  }

  function encodeUnder(bitmap, scale, quality, maxBytes) {
    var canvas = document.createElement("canvas");
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    return new Promise(function (resolve) { canvas.toBlob(resolve, "image/jpeg", quality); })
      .then(function (blob) {
        if (!blob) { throw new Error("canvas"); }
        if (blob.size <= maxBytes || scale < 0.1) { return blob; }
        return quality > 0.6 ? encodeUnder(bitmap, scale, quality - 0.1, maxBytes)
                             : encodeUnder(bitmap, scale * 0.8, 0.85, maxBytes);
      });
  }

  function send(form, file, field, extra) {
    var pages = extra || [];
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
      [file].concat(pages).forEach(function (f) { data.append(field || "file", f, f.name); });
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
        // The figures and the to-do list at the top follow the item.
        ["readiness", "readiness-label", "progress-counts", "todo"].forEach(function (id) {
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
    var limit = Number(form.dataset.maxBytes) || 0;
    var replaces = form.querySelector("[data-role=replaces]");
    if (replaces && replaces.value) { files = [files[0]]; }  // one file takes one file's place
    var chain = Promise.resolve(false);
    Array.prototype.forEach.call(files, function (file) {
      chain = chain.then(function (sentBefore) {
        return shrink(file, limit)
          .then(function (small) { return send(form, small, "file"); })
          .then(function (sent) { return sentBefore || sent; });
      });
    });
    // Only a file that arrived changes the item; otherwise its errors are all there is to show.
    chain.then(function (anySent) {
      if (replaces) { replaces.value = ""; }
      if (anySent) { refresh(li.dataset.itemId); }
    });
  }

  // "Add a page": photos collected one at a time (a thumbnail each, removable), then sent
  // together; the server files them as one PDF. Too big together: each page made smaller.
  function enhanceCapture(form) {
    var pages = [];
    var input = form.querySelector("[data-role=pages]");
    var label = form.querySelector("[data-role=pages-label]");
    var list = form.querySelector("[data-pages]");
    var add = form.querySelector("[data-role=add-page]");
    var submit = form.querySelector("[data-role=make-pdf]");
    input.hidden = true; label.hidden = true; add.hidden = false;

    function draw() {
      list.textContent = "";
      pages.forEach(function (file, index) {
        var row = document.createElement("li");
        row.dataset.page = String(index + 1);
        var thumb = document.createElement("img");
        thumb.src = URL.createObjectURL(file); thumb.alt = ""; thumb.width = 48; thumb.height = 64;
        var name = document.createElement("span");
        name.textContent = form.dataset.pageLabel + " " + (index + 1) + " · " + sizeLabel(file.size);
        var remove = document.createElement("button");
        remove.type = "button"; remove.className = "remove-page"; remove.textContent = "×";
        remove.setAttribute("aria-label", form.dataset.removeLabel + " " + (index + 1));
        remove.addEventListener("click", function () { pages.splice(index, 1); draw(); });
        row.appendChild(thumb); row.appendChild(name); row.appendChild(remove);
        list.appendChild(row);
      });
      submit.hidden = pages.length === 0;
    }

    add.addEventListener("click", function () {
      var shot = document.createElement("input");
      shot.type = "file"; shot.accept = "image/*";
      if (TOUCH) { shot.setAttribute("capture", "environment"); } else { shot.multiple = true; }
      shot.addEventListener("change", function () {
        Array.prototype.push.apply(pages, shot.files); draw();
      });
      shot.click();
    });

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (!pages.length) { return; }
      var each = Math.floor((Number(form.dataset.maxBytes) || 0) * 0.9 / pages.length);
      submit.disabled = true; add.disabled = true;
      Promise.all(pages.map(function (file) { return shrink(file, each); }))
        .then(function (small) { return send(form, small[0], "page", small.slice(1)); })
        .then(function (ok) {
          if (ok) { refresh(item(form).dataset.itemId); return; }
          submit.disabled = false; add.disabled = false;  // the error stays on screen
        });
    });
    draw();
  }

  function enhance(root) {
    root.querySelectorAll("form[data-role=capture]").forEach(enhanceCapture);
    root.querySelectorAll("form.upload").forEach(function (form) {
      var input = form.querySelector("input[type=file]");
      var submit = form.querySelector("button[type=submit]");
      if (submit) { submit.hidden = true; }
      input.addEventListener("change", function () {
        if (input.files.length) { uploadAll(form, input.files); }
      });
      var drop = form.querySelector(".drop");
      if (drop) {
        drop.addEventListener("click", function (e) {  // a person's own choice adds, never replaces
          if (e.isTrusted) { form.querySelector("[data-role=replaces]").value = ""; }
        });
        drop.addEventListener("dragover", function (e) { e.preventDefault(); drop.classList.add("over"); });
        drop.addEventListener("dragleave", function () { drop.classList.remove("over"); });
        drop.addEventListener("drop", function (e) {
          e.preventDefault(); drop.classList.remove("over");
          if (e.dataTransfer.files.length) { uploadAll(form, e.dataTransfer.files); }
        });
      }
      // "Replace" picks one file through the item's own input, naming the file it replaces.
      item(form).querySelectorAll("[data-replaces]").forEach(function (button) {
        button.hidden = false;
        button.addEventListener("click", function () {
          form.querySelector("[data-role=replaces]").value = button.dataset.replaces;
          input.click();
        });
      });
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
