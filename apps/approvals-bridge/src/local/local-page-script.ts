// The local page's script, served inline under a CSP nonce. Every card field is attacker-
// controlled (tool refs, content, reasons, ids), so the DOM is built with createElement and
// textContent only: no innerHTML, no insertAdjacentHTML, no attribute from card text but the
// data-expires timestamp. Plain ES2017, no framework, no network but this bridge's /local/api.

/** The script's source (no `<\/script>` in it: checked by the page test). */
export const LOCAL_PAGE_SCRIPT = String.raw`(function () {
  "use strict";
  var API = "/local/api/cards";
  var HEADERS = { "x-sec0-local": "1" };
  var SEVERITIES = ["low", "medium", "high", "critical"];
  var list = document.getElementById("cards");
  var empty = document.getElementById("empty");
  var select = document.getElementById("approver");
  var status = document.getElementById("status");
  var summary = document.getElementById("summary");
  var shown = new Map();
  var remembered = "";
  try { remembered = localStorage.getItem("sec0-local-approver") || ""; } catch (e) { remembered = ""; }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function field(dl, label, value) {
    if (value === undefined || value === null || value === "") return undefined;
    dl.appendChild(el("dt", "", label));
    var dd = el("dd", "", value);
    dl.appendChild(dd);
    return dd;
  }
  function timeLeft(expiresAt) {
    var ms = Date.parse(expiresAt) - Date.now();
    if (!(ms > 0)) return "expired";
    var s = Math.floor(ms / 1000);
    var h = Math.floor(s / 3600);
    var m = Math.floor((s % 3600) / 60);
    return "in " + (h ? h + " h " : "") + (h || m ? m + " min " : "") + (s % 60) + " s";
  }
  function votes(card) {
    var text = (card.approvals || 0) + " approval(s), " + (card.rejections || 0) + " rejection(s)";
    if (typeof card.minApprovals === "number") text += "; needs " + card.minApprovals + " approval(s)";
    return text;
  }
  function say(text) { status.textContent = text; }

  function render(card) {
    var pending = card.status === "pending";
    var article = el("article", "card " + (pending ? "is-pending" : "is-final"));
    var heading = el("h3", "", card.toolRef || card.violation || "escalation");
    article.appendChild(heading);
    var meta = el("p", "meta");
    var severity = SEVERITIES.indexOf(card.severity) >= 0 ? card.severity : "medium";
    meta.appendChild(el("span", "badge sev-" + severity, "severity: " + severity));
    meta.appendChild(el("span", "badge state", "status: " + String(card.status)));
    article.appendChild(meta);
    if (card.message) article.appendChild(el("p", "message", card.message));
    var dl = el("dl");
    field(dl, "Escalation", card.escalationId);
    field(dl, "Tenant", card.tenantId);
    field(dl, "Violation", card.violation);
    field(dl, "Rule", card.ruleId);
    field(dl, "Node", card.nodeId);
    field(dl, "Run", card.agentRef);
    field(dl, "Args digest", card.argsDigest);
    field(dl, "Votes", votes(card));
    if (card.expiresAt) {
      var dd = field(dl, "Expires", timeLeft(card.expiresAt));
      if (dd && pending) dd.setAttribute("data-expires", String(card.expiresAt));
    }
    field(dl, "Outcome", card.finalizationReason);
    article.appendChild(dl);
    var reasons = Array.isArray(card.reasons) ? card.reasons : [];
    if (reasons.length > 0) {
      article.appendChild(el("h4", "", "Reasons"));
      var ul = el("ul", "reasons");
      reasons.forEach(function (reason) { ul.appendChild(el("li", "", reason)); });
      article.appendChild(ul);
    }
    article.appendChild(el("h4", "", "Content (redacted)"));
    article.appendChild(el("pre", "content", card.content || "(none)"));
    if (pending) {
      var actions = el("div", "actions");
      var approve = el("button", "approve", "Approve");
      var reject = el("button", "reject", "Reject");
      approve.type = "button";
      reject.type = "button";
      approve.addEventListener("click", function () { vote(card.escalationId, "approve", [approve, reject]); });
      reject.addEventListener("click", function () { vote(card.escalationId, "reject", [approve, reject]); });
      actions.appendChild(approve);
      actions.appendChild(reject);
      article.appendChild(actions);
    }
    return article;
  }

  function show(cards) {
    var order = [];
    var pending = 0;
    cards.forEach(function (card) {
      var json = JSON.stringify(card);
      var entry = shown.get(card.escalationId);
      if (entry === undefined || entry.json !== json) {
        var article = render(card);
        if (entry !== undefined) list.replaceChild(article, entry.article);
        entry = { article: article, json: json };
        shown.set(card.escalationId, entry);
      }
      if (card.status === "pending") pending += 1;
      order.push(entry.article);
    });
    var keep = new Set(order);
    shown.forEach(function (entry, id) {
      if (!keep.has(entry.article)) {
        if (entry.article.parentNode === list) list.removeChild(entry.article);
        shown.delete(id);
      }
    });
    // Move nodes only when the order changed: moving a node drops keyboard focus.
    var same = order.length === list.children.length && order.every(function (a, i) { return list.children[i] === a; });
    if (!same) order.forEach(function (article) { list.appendChild(article); });
    empty.hidden = cards.length > 0;
    summary.textContent = pending + " pending, " + (cards.length - pending) + " decided";
  }

  function showApprovers(approvers) {
    var current = select.value || remembered;
    var ids = Array.isArray(approvers) ? approvers.map(String) : [];
    var existing = Array.prototype.map.call(select.options, function (o) { return o.value; }).filter(Boolean);
    if (existing.join("\n") === ids.join("\n")) return;
    while (select.firstChild) select.removeChild(select.firstChild);
    var prompt = el("option", "", ids.length === 0 ? "No approver has local: true" : "Choose an approver");
    prompt.value = "";
    select.appendChild(prompt);
    ids.forEach(function (id) {
      var option = el("option", "", id);
      option.value = id;
      select.appendChild(option);
    });
    select.value = ids.indexOf(current) >= 0 ? current : "";
    select.disabled = ids.length === 0;
  }

  function refresh() {
    return fetch(API, { headers: HEADERS, credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (response.status === 401) {
          say("Signed out: open this page with the ?token= URL that sec0 dev printed.");
          return undefined;
        }
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (body) {
        if (body === undefined) return;
        showApprovers(body.approvers);
        show(Array.isArray(body.cards) ? body.cards : []);
      })
      .catch(function () { say("The bridge did not answer; retrying."); });
  }

  function vote(escalationId, verdict, buttons) {
    var approver = select.value;
    if (!approver) {
      say("Choose who you are (Approve as) first.");
      select.focus();
      return;
    }
    buttons.forEach(function (b) { b.disabled = true; });
    say("Sending your " + (verdict === "approve" ? "approval" : "rejection") + "…");
    fetch(API + "/" + encodeURIComponent(escalationId) + "/votes", {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json", "x-sec0-local": "1" },
      body: JSON.stringify({ verdict: verdict, approver: approver }),
    })
      .then(function (response) {
        return response.json().then(function (body) { return { status: response.status, body: body }; });
      })
      .then(function (result) {
        var body = result.body || {};
        say(String(body.text || body.message || "HTTP " + result.status));
      })
      .catch(function () { say("The bridge did not answer; nothing was sent. Press again."); })
      .then(function () {
        buttons.forEach(function (b) { b.disabled = false; });
        return refresh();
      });
  }

  select.addEventListener("change", function () {
    remembered = select.value;
    try { localStorage.setItem("sec0-local-approver", select.value); } catch (e) { /* private mode */ }
  });
  setInterval(function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-expires]"), function (node) {
      node.textContent = timeLeft(node.getAttribute("data-expires"));
    });
  }, 1000);
  setInterval(refresh, 2000);
  refresh();
})();`;
