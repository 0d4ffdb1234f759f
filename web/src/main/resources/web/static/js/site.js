// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";

  function debounce(fn, ms) {
    var timer;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }

  function getJson(url) {
    return fetch(url, { headers: { Accept: "application/json" }, credentials: "omit" })
      .then(function (r) { return r.ok ? r.json() : { items: [] }; })
      .catch(function () { return { items: [] }; });
  }

  // The phone navigation folds behind a menu button (styled from the first paint through early.js); without scripts
  // it scrolls sideways in one row.
  var toggle = document.getElementById("nav-toggle");
  var nav = document.getElementById("mainnav");
  if (toggle && nav) {
    var setOpen = function (open) {
      nav.classList.toggle("open", open);
      toggle.setAttribute("aria-expanded", String(open));
    };
    toggle.addEventListener("click", function () { setOpen(!nav.classList.contains("open")); });
    nav.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && nav.classList.contains("open")) { setOpen(false); toggle.focus(); }
    });
  }

  // On a narrow screen the search filters start folded under their "筛选 (n)" button.
  var drawer = document.getElementById("facet-drawer");
  if (drawer && window.matchMedia("(max-width: 900px)").matches) {
    drawer.open = false;
    drawer.classList.add("unfolded");
  }

  // Typeahead on the catalogue search box, from /api/v1/search/suggest.
  document.querySelectorAll("input[data-suggest]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    if (!list) { return; }
    var active = -1;
    function close() { list.hidden = true; list.textContent = ""; active = -1; input.setAttribute("aria-expanded", "false"); }
    function choose(text) { input.value = text; close(); input.form.submit(); }
    input.addEventListener("input", debounce(function () {
      var q = input.value.trim();
      if (q.length < 1) { close(); return; }
      getJson(input.dataset.suggest + "?limit=6&q=" + encodeURIComponent(q)).then(function (data) {
        list.textContent = "";
        (data.items || []).forEach(function (text, i) {
          var li = document.createElement("li");
          li.id = "suggestion-" + i;
          li.setAttribute("role", "option");
          li.textContent = text;
          li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(text); });
          list.appendChild(li);
        });
        list.hidden = list.children.length === 0;
        input.setAttribute("aria-expanded", String(!list.hidden));
      });
    }, 200));
    input.addEventListener("keydown", function (e) {
      var items = list.children;
      if (list.hidden || items.length === 0) { return; }
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        if (active >= 0) { items[active].removeAttribute("aria-selected"); }
        active = (active + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
        items[active].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", items[active].id);
      } else if (e.key === "Enter" && active >= 0) {
        e.preventDefault();
        choose(items[active].textContent);
      } else if (e.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  });

  // "是否已有类似需求?": open postings similar to the title being typed.
  document.querySelectorAll("input[data-similar]").forEach(function (input) {
    var box = document.getElementById("similar");
    if (!box) { return; }
    input.addEventListener("input", debounce(function () {
      var q = input.value.trim();
      if (q.length < 4) { box.hidden = true; return; }
      getJson(input.dataset.similar + encodeURIComponent(q)).then(function (data) {
        var items = data.items || [];
        box.textContent = "";
        if (items.length === 0) { box.hidden = true; return; }
        var title = document.createElement("p");
        title.textContent = box.dataset.label;
        var ul = document.createElement("ul");
        items.forEach(function (item) {
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.href = "/postings/" + item.id;
          a.target = "_blank";
          a.rel = "noopener";
          a.textContent = item.title;
          li.appendChild(a);
          ul.appendChild(li);
        });
        box.appendChild(title);
        box.appendChild(ul);
        box.hidden = false;
      });
    }, 350));
  });

  // A field that matters for one choice only (the digest hour for 每日汇总) is hidden while another is chosen;
  // without scripts it stays visible.
  document.querySelectorAll("[data-shown-when]").forEach(function (field) {
    var rule = field.dataset.shownWhen.split("=");
    var form = field.closest("form");
    var sync = function () {
      var chosen = form.querySelector("input[name='" + rule[0] + "']:checked");
      field.hidden = !chosen || chosen.value !== rule[1];
    };
    form.addEventListener("change", sync);
    sync();
  });
})();
