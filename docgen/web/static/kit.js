// The kit page: start a build without leaving the page, then show each document as it finishes.
(function () {
  "use strict";
  var form = document.getElementById("build-form");
  if (!form) return;
  var classId = form.dataset.class;
  var progress = document.getElementById("progress");
  var list = document.getElementById("docs");
  var title = document.getElementById("progress-title");
  var errorLine = document.getElementById("build-error");
  var button = document.getElementById("build");

  function line(text, cls) {
    var li = document.createElement("li");
    li.textContent = text;
    if (cls) li.className = cls;
    list.appendChild(li);
  }

  function show(data) {
    progress.hidden = false;
    list.textContent = "";
    var done = {};
    data.docs.forEach(function (d) {
      done[d.label] = true;
      if (!d.ok) line(d.label + "：失败　" + d.error, "failed");
      else if (d.skipped) line(d.label + "：跳过，" + d.skipped, "skipped");
      else line(d.label + "：完成（" + d.seconds.toFixed(1) + " 秒）", "ok");
    });
    data.planned.forEach(function (label) { if (!done[label]) line(label + "：等待中…", "waiting"); });
    var finished = data.status === "done" || data.status === "failed";
    var count = data.planned.length ? "（" + data.docs.length + "/" + data.planned.length + "）" : "";
    var working = data.phase && data.docs.length === data.planned.length ? data.phase : "正在生成…" + count;
    title.textContent = data.status === "queued" ? "排队中…" : finished ? "已完成" + count : working;
    var problems = [data.error, data.pdf_error && ("PDF：" + data.pdf_error)].filter(Boolean);
    errorLine.hidden = !problems.length;
    errorLine.textContent = problems.map(function (p) { return "错误：" + p; }).join("　");
    button.disabled = !finished;
    return finished;
  }

  function poll(jobId, reloadWhenDone) {
    fetch("/c/" + classId + "/jobs/" + jobId, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (data.status === undefined) { title.textContent = "错误：" + data.error; progress.hidden = false; return; }
        if (!show(data)) setTimeout(function () { poll(jobId, true); }, 600);
        else if (reloadWhenDone) location.reload();
      })
      .catch(function () { setTimeout(function () { poll(jobId, reloadWhenDone); }, 2000); });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    button.disabled = true;
    fetch(form.action, {method: "POST", body: new FormData(form), credentials: "same-origin",
                        headers: {"Accept": "application/json"}})
      .then(function (r) {
        var type = r.headers.get("content-type") || "";
        if (type.indexOf("application/json") === 0) return r.json();
        return r.text().then(function (html) { document.open(); document.write(html); document.close(); });
      })
      .then(function (data) { if (data && data.job) poll(data.job, true); });
  });

  if (form.dataset.job) poll(form.dataset.job, false);
})();
