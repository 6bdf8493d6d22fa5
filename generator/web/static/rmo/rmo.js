// rmo: small enhancements; every page works without them.
"use strict";

// Our own «Выбрать файл» button over each file input; without JavaScript the input shows.
document.documentElement.classList.add("js");
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll('input[type="file"]').forEach(function (input) {
    input.classList.add("picker-input");
    var box = document.createElement("span");
    box.className = "picker";
    var button = document.createElement("span");
    button.className = "button button-quiet";
    button.textContent = "Выбрать файл";
    button.setAttribute("aria-hidden", "true");
    var name = document.createElement("span");
    name.className = "picker-name";
    name.textContent = "файл не выбран";
    box.appendChild(button);
    box.appendChild(name);
    input.insertAdjacentElement("afterend", box);
    if (!input.closest("label")) {
      button.addEventListener("click", function () { input.click(); });
    }
    input.addEventListener("change", function () {
      name.textContent = input.files.length ? input.files[0].name : "файл не выбран";
    });
  });
});

// Drag a file onto a form marked data-drop: it goes into the form's file field.
document.querySelectorAll("form[data-drop]").forEach(function (form) {
  var input = form.querySelector("input[type=file]");
  var zone = form.querySelector(".drop") || form;
  if (!input) return;
  ["dragenter", "dragover"].forEach(function (name) {
    document.addEventListener(name, function (event) {
      event.preventDefault();
      zone.classList.add("dragging");
    });
  });
  ["dragleave", "drop"].forEach(function (name) {
    document.addEventListener(name, function (event) {
      event.preventDefault();
      if (name === "drop" || event.target === document.documentElement) zone.classList.remove("dragging");
    });
  });
  document.addEventListener("drop", function (event) {
    if (!event.dataTransfer || !event.dataTransfer.files.length) return;
    input.files = event.dataTransfer.files;
    input.dispatchEvent(new Event("change"));
    var hint = form.querySelector(".drop-hint");
    if (hint) hint.textContent = "Выбран файл «" + input.files[0].name + "». Нажмите «Проверить».";
  });
  input.addEventListener("change", function () {
    var hint = form.querySelector(".drop-hint");
    if (hint && input.files.length) hint.textContent = "Выбран файл «" + input.files[0].name + "». Нажмите «Проверить».";
  });
});

// PDF progress: ask the server how far it is and mark each document as its PDF is ready.
(function () {
  var section = document.getElementById("pdf");
  var form = document.querySelector("form[data-pdf]");
  if (!section || !form) return;
  var state = section.getAttribute("data-state");
  if (state !== "running" && state !== "waiting") return;
  var url = form.getAttribute("data-pdf");
  function tick() {
    fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (data) {
      var bar = section.querySelector("progress");
      var count = section.querySelector("[data-pdf-done]");
      if (bar) bar.value = data.done;
      if (count) count.textContent = data.done;
      data.documents.forEach(function (doc) {
        var cell = document.querySelector('[data-pdf-for="' + CSS.escape(doc.file) + '"]');
        if (!cell) return;
        if (doc.pdf) {
          if (!cell.querySelector("a")) {
            cell.textContent = "";
            var link = document.createElement("a");
            link.href = cell.getAttribute("data-href");
            link.textContent = "PDF";
            cell.appendChild(link);
          }
        } else if (doc.done) {
          cell.textContent = "готов";
        } else {
          cell.textContent = "делается…";
        }
      });
      if (data.state === "running" || data.state === "waiting") setTimeout(tick, 1000);
      else window.location.reload();
    }).catch(function () { setTimeout(tick, 2000); });
  }
  setTimeout(tick, 500);
})();
