// Starts Swagger UI on the API's own OpenAPI document. A file rather than an inline script, so the page's
// Content-Security-Policy can refuse every inline script. No standalone preset: its top bar (a URL box) is not
// wanted, and its logo carries an inline <style> the policy would refuse.
window.ui = SwaggerUIBundle({
  url: "/openapi/v1.json",
  dom_id: "#swagger-ui",
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
  deepLinking: true,
  // Never sends the document to validator.swagger.io (and the policy would refuse the badge).
  validatorUrl: null,
  // A pasted key lives in the page's memory only, never in localStorage.
  persistAuthorization: false,
  displayRequestDuration: true,
  filter: true,
});
