// The whole "app": read the public configuration and ask the API how it is.
(() => {
  const config = window.__APP_CONFIG__ || {};
  const urlField = document.getElementById("api-url");
  const statusField = document.getElementById("api-status");
  if (!config.apiBaseUrl) return;
  urlField.textContent = config.apiBaseUrl;
  fetch(`${config.apiBaseUrl}/health`)
    .then((response) => response.json().then((body) => [response, body]))
    .then(([response, body]) => {
      statusField.textContent = response.ok ? `${body.status || "ok"} (version ${body.version || "?"})` : `HTTP ${response.status}`;
    })
    .catch((error) => {
      statusField.textContent = `unreachable (${error.message})`;
    });
})();
