// Runs first thing in <body>, before the page paints, so GOV.UK Frontend's styles for
// JavaScript-enhanced components apply without a flash. An external file, not inline, so the
// Content-Security-Policy needs no nonce and no page carries a per-response value.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
