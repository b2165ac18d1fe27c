// A file rather than an inline script, so the page works under a Content-Security-Policy without 'unsafe-inline'.
window.ui = SwaggerUIBundle({
  url: new URL("openapi.json", document.baseURI).href,
  dom_id: "#swagger-ui",
  deepLinking: true,
  // Tokens typed into "Authorize" stay in this tab only.
  persistAuthorization: false,
});
