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

// A form that takes a while (checking a big book, making documents): its button is disabled
// at once and says what is going on, so it is not pressed twice. Without JavaScript the form
// is sent all the same.
document.querySelectorAll("form[data-busy]").forEach(function (form) {
  form.addEventListener("submit", function (event) {
    var button = event.submitter || form.querySelector("button[type=submit]");
    if (!button || button.getAttribute("aria-busy")) return;
    // After the browser has taken the form's fields: a disabled button is left out of them.
    setTimeout(function () {
      button.setAttribute("data-label", button.innerHTML);
      button.disabled = true;
      button.setAttribute("aria-busy", "true");
      button.textContent = "";
      var spinner = document.createElement("span");
      spinner.className = "spinner";
      spinner.setAttribute("aria-hidden", "true");
      button.appendChild(spinner);
      button.appendChild(document.createTextNode(form.getAttribute("data-busy")));
    }, 0);
  });
});
// Back to a page the browser kept as it was left: its buttons work again.
window.addEventListener("pageshow", function (event) {
  if (!event.persisted) return;
  document.querySelectorAll("button[aria-busy=true]").forEach(function (button) {
    button.innerHTML = button.getAttribute("data-label");
    button.disabled = false;
    button.removeAttribute("aria-busy");
  });
});
