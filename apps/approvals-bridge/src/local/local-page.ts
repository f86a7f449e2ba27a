import { randomBytes } from "node:crypto";
import { LOCAL_PAGE_SCRIPT } from "./local-page-script.js";

// The local approvals page's HTML. It holds no card text at all: the script fetches the cards and
// builds the DOM with textContent, so nothing attacker-controlled is ever parsed as HTML.

const STYLE = `
:root { color-scheme: light; --fg: #111; --muted: #3d3d3d; --bg: #fff; --line: #8a8a8a; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 46rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
h3 { font-size: 1.05rem; margin: 0 0 .25rem; overflow-wrap: anywhere; }
h4 { font-size: .95rem; margin: .75rem 0 .25rem; }
label { display: block; font-weight: 600; margin-bottom: .25rem; }
select, button { font: inherit; min-height: 44px; border-radius: 6px; }
select { width: 100%; padding: .5rem; border: 2px solid var(--fg); background: var(--bg); color: var(--fg); }
button { padding: .5rem 1.25rem; border: 2px solid transparent; color: #fff; cursor: pointer; font-weight: 600; }
button:disabled { opacity: .6; cursor: wait; }
:focus-visible { outline: 3px solid #0a58ca; outline-offset: 2px; }
.approve { background: #0b5d1e; }
.reject { background: #9b1c1c; }
.card { border: 2px solid var(--line); border-radius: 8px; padding: 1rem; margin: 0 0 1rem; }
.card.is-pending { border-color: var(--fg); }
.card.is-final { color: var(--muted); }
.meta { margin: 0 0 .5rem; display: flex; flex-wrap: wrap; gap: .5rem; }
.badge { border: 1px solid currentColor; border-radius: 999px; padding: 0 .6rem; font-size: .9rem; }
.sev-high, .sev-critical { background: #fde8e8; color: #7a1010; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem .75rem; margin: .5rem 0; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f3f3f3; padding: .5rem; border-radius: 6px; margin: 0; }
.actions { display: flex; gap: .75rem; margin-top: .75rem; }
.actions button { flex: 1; }
#status { min-height: 1.5em; font-weight: 600; }
.hint { color: var(--muted); }
`;

/** A fresh CSP nonce (128 random bits, base64). */
export function createNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * The headers of every /local response: a strict Content-Security-Policy whose only script and
 * style are the ones carrying `nonce`, no sniffing, no referrer, no caching.
 */
export function localSecurityHeaders(nonce: string): Record<string, string> {
  return {
    "content-security-policy": `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'`,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
  };
}

/** The approvals page (the signed-in browser's view); its script and style carry `nonce`. */
export function renderLocalPage(nonce: string): string {
  return shell(
    nonce,
    `<main>
<h1>sec0 approvals</h1>
<p class="hint">Escalations waiting for a human. Cards refresh every 2 seconds.</p>
<label for="approver">Approve as</label>
<select id="approver" disabled><option value="">Loading approvers…</option></select>
<p id="status" role="status" aria-live="polite"></p>
<h2>Escalations <span id="summary" class="hint"></span></h2>
<p id="empty" hidden>No escalations yet. A call the policy escalates shows up here.</p>
<div id="cards"></div>
<noscript><p>This page needs JavaScript to load the cards.</p></noscript>
</main>
<script nonce="${nonce}">${LOCAL_PAGE_SCRIPT}</script>`,
  );
}

/** The page shown without a valid session: how to sign in (no card, no token). */
export function renderLocalSignInPage(nonce: string): string {
  return shell(
    nonce,
    `<main>
<h1>sec0 approvals</h1>
<p>This browser is not signed in to the approvals page.</p>
<p>Open the URL that <code>sec0 dev</code> printed: it ends in <code>/local/?token=…</code> and signs
this browser in with a cookie (the token then leaves the address bar).</p>
</main>`,
  );
}

function shell(nonce: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>sec0 approvals</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
