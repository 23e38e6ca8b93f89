// The interactive API reference at /api/docs: Swagger UI's static build from
// npm, pointed at our generated /api/openapi.json (no inline script, so the
// default Content-Security-Policy holds).
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express from 'express';

const PAGE = `<!doctype html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <title>Secretum — référence de l’API</title>
  <link rel="stylesheet" href="swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="swagger-ui-bundle.js"></script>
  <script src="init.js"></script>
</body>
</html>`;

const INIT = `window.ui = SwaggerUIBundle({ url: '../openapi.json', dom_id: '#swagger-ui', deepLinking: true, tryItOutEnabled: true });`;

export function apiDocsRouter(): express.Router {
  const assets = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const router = express.Router({ strict: true });
  router.get('/', (req, res) => {
    // Relative asset URLs need the trailing slash.
    if (!req.originalUrl.endsWith('/')) return void res.redirect(301, `${req.baseUrl}/`);
    res.type('html').send(PAGE);
  });
  router.get('/init.js', (_req, res) => void res.type('js').send(INIT));
  router.use(express.static(assets, { index: false }));
  return router;
}
