/**
 * The swagger-ui page for the admin API (MAS templates/swagger/doc.html): assets are relative
 * to `/api/doc/` (so a listener `prefix` keeps working), the document is `../spec.json`.
 */
export const SWAGGER_UI_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>mas-ts admin API</title>
    <link rel="stylesheet" href="swagger-ui.css">
    <link rel="icon" type="image/png" href="favicon-32x32.png">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="swagger-ui-bundle.js"></script>
    <script src="swagger-ui-standalone-preset.js"></script>
    <script src="init.js"></script>
  </body>
</html>
`;

export const SWAGGER_UI_INIT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: new URL('../spec.json', window.location.href).toString(),
    dom_id: '#swagger-ui',
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
    oauth2RedirectUrl: new URL('oauth2-callback', window.location.href).toString(),
  });
});
`;
