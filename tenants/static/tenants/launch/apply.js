// The site's address is checked as the applicant types (the page works without
// this: its "Check the address" button asks the server instead).
(function () {
  var input = document.getElementById("id_subdomain");
  var status = document.getElementById("subdomain-status");
  if (!input || !status || !window.fetch) return;
  var timer = null;
  var asked = 0;
  function show(text, ok) {
    status.textContent = "";
    var span = document.createElement("span");
    span.className = ok ? "ok" : "error";
    span.textContent = text;
    status.appendChild(span);
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var name = input.value.trim().toLowerCase();
    if (!name) { status.textContent = ""; return; }
    timer = setTimeout(function () {
      var mine = ++asked;
      fetch(status.dataset.url + "?name=" + encodeURIComponent(name), {
        headers: { Accept: "application/json" },
      })
        .then(function (answer) { return answer.json(); })
        .then(function (result) {
          if (mine !== asked) return; // an older answer
          show(result.message, result.available);
        })
        .catch(function () {});
    }, 300);
  });
})();
