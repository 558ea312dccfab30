// Inlined into index.html by web/vite.config.mts (earlyCardQuery), which fills in the operation's name
// and text. On /customers/:id (without an "as of" date) it sends the customer card's query with the
// variables and token the card page will use, while the app's JavaScript is still loading; the app
// takes that answer for its first identical request, or renders from it at once when it is already
// back (web/src/lib/early-card.ts).
(function () {
  try {
    const m = /^\/customers\/([^/]+)\/?$/.exec(location.pathname);
    if (!m || new URLSearchParams(location.search).has('at') || typeof fetch !== 'function') return;
    const token = localStorage.getItem('rapport.token');
    const variables = { id: decodeURIComponent(m[1]), at: null };
    const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
    if (token) headers.authorization = 'Bearer ' + token;
    const early = {
      operationName: '__OPERATION__',
      variables: variables,
      token: token,
      response: fetch('/graphql', {
        method: 'POST',
        headers: headers,
        body: JSON.stringify({ operationName: '__OPERATION__', query: '__QUERY__', variables: variables }),
      }),
    };
    window.__rapportEarly = early;
    // The answer itself once it is back, when complete (data, no errors): the app, if it starts after
    // that, renders the card from it at its first render instead of waiting for the response again.
    early.response
      .then(function (r) {
        return r.ok ? r.clone().json() : null;
      })
      .then(function (body) {
        if (body && body.data && !body.errors) early.answer = body;
      })
      .catch(function () {});
  } catch {
    // Without the early request the app simply asks itself.
  }
})();

// The browser loads its date and time-zone data the first time a page formats a date (~40–80 ms in a
// fresh Chromium renderer), and the card's first render formats dates. Do it now, in a task of its own
// while the app's JavaScript is still on its way, so that the card's render finds the data loaded.
// Same zone and language as the app (web/src/lib/format.ts, web/src/i18n.ts); a bad stored zone is ignored.
setTimeout(function () {
  try {
    const lang = localStorage.getItem('rapport.lang');
    const browser = navigator.languages || [navigator.language];
    const zh = lang ? lang === 'zh' : /^zh/i.test(browser.find((l) => /^(zh|en)/i.test(l)) || '');
    const timeZone = localStorage.getItem('rapport.tz') || 'Asia/Shanghai';
    new Intl.DateTimeFormat(zh ? 'zh-CN' : 'en-GB', { timeZone: timeZone, year: 'numeric', month: 'short', day: 'numeric' }).format(0);
  } catch {
    // Only a head start: the app formats its dates either way.
  }
}, 0);
