/**
 * The human page of the API (`/api/docs`): the OpenAPI document rendered on the server as plain
 * HTML. No script and no outside resource, so it works offline and under the app's strict CSP.
 */

type Json = Record<string, unknown>;

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

function escapeHtml(text: unknown): string {
  return String(text ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** Enough Markdown for the descriptions: paragraphs, `code` and **bold**. */
function markdown(text: unknown): string {
  return String(text ?? '')
    .split(/\n\s*\n/)
    .filter((p) => p.trim())
    .map(
      (p) =>
        `<p>${escapeHtml(p)
          .replace(/`([^`]+)`/g, '<code>$1</code>')
          .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')}</p>`,
    )
    .join('');
}

function schemaBlock(title: string, schema: unknown): string {
  if (!schema) return '';
  return `<details><summary>${escapeHtml(title)}</summary><pre>${escapeHtml(JSON.stringify(schema, null, 2))}</pre></details>`;
}

function parameters(operation: Json): string {
  const list = (operation.parameters as Json[] | undefined) ?? [];
  if (list.length === 0) return '';
  const rows = list
    .map((p) => {
      const schema = (p.schema as Json | undefined) ?? {};
      const type = [schema.type, schema.enum ? `(${(schema.enum as unknown[]).join(', ')})` : '']
        .filter(Boolean)
        .join(' ');
      return `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td><td>${p.required ? 'oui' : 'non'}</td><td>${escapeHtml(type)}</td><td>${escapeHtml(p.description ?? schema.description ?? '')}</td></tr>`;
    })
    .join('');
  return `<table><thead><tr><th>Paramètre</th><th>Où</th><th>Obligatoire</th><th>Type</th><th>Description</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function jsonSchemaOf(entry: Json | undefined): unknown {
  const content = entry?.content as Record<string, Json> | undefined;
  return content?.['application/json']?.schema;
}

function operationBlock(method: string, path: string, operation: Json): string {
  const body = operation.requestBody as Json | undefined;
  const responses = Object.entries((operation.responses as Record<string, Json> | undefined) ?? {});
  const answers = responses
    .map(([code, answer]) => {
      const types = Object.keys((answer.content as Json | undefined) ?? {}).join(', ');
      return `<li><strong>${escapeHtml(code)}</strong> ${escapeHtml(answer.description ?? '')}${types ? ` <small>(${escapeHtml(types)})</small>` : ''}</li>`;
    })
    .join('');
  const success = responses.find(([code]) => code.startsWith('2'));
  return `<section class="op" id="${escapeHtml(`${method}-${path}`)}">
<h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>
<p class="summary">${escapeHtml(operation.summary ?? '')}</p>
${markdown(operation.description)}
${parameters(operation)}
${schemaBlock('Corps de la requête (JSON Schema)', jsonSchemaOf(body))}
<ul>${answers}</ul>
${schemaBlock('Réponse (JSON Schema)', success ? jsonSchemaOf(success[1]) : undefined)}
</section>`;
}

const STYLE = `body{font-family:Marianne,system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#161616;line-height:1.5}
h1{margin-bottom:0}h2{border-bottom:2px solid #000091;padding-bottom:.25rem;margin-top:2.5rem}
code,pre{font-family:ui-monospace,monospace;font-size:.9em}pre{background:#f6f6f6;padding:.75rem;overflow:auto}
.op{border:1px solid #ddd;border-radius:4px;padding:0 1rem;margin:1rem 0}.summary{font-weight:600}
.m{display:inline-block;min-width:4.5rem;text-align:center;color:#fff;border-radius:3px;padding:0 .4rem;font-size:.85em}
.get{background:#18753c}.post{background:#000091}.put,.patch{background:#b34000}.delete{background:#ce0500}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
nav ul{columns:2}`;

/** The whole page for one OpenAPI document. */
export function renderDocsPage(document: Json): string {
  const info = (document.info as Json | undefined) ?? {};
  const paths = (document.paths as Record<string, Json> | undefined) ?? {};
  const tags = ((document.tags as Json[] | undefined) ?? []).map((t) => String(t.name));
  const operations = Object.entries(paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ path, method: m, operation: item[m] as Json })),
  );
  const tagOf = (operation: Json) => String((operation.tags as string[] | undefined)?.[0] ?? 'Autres');
  const groups = [...tags, 'Autres']
    .map((tag) => ({ tag, ops: operations.filter((o) => tagOf(o.operation) === tag) }))
    .filter((g) => g.ops.length > 0);
  const tagDescription = (tag: string) =>
    ((document.tags as Json[] | undefined) ?? []).find((t) => t.name === tag)?.description ?? '';
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(info.title)} — documentation</title><style>${STYLE}</style></head>
<body><header><h1>${escapeHtml(info.title)}</h1><p>Version ${escapeHtml(info.version)} · OpenAPI ${escapeHtml(document.openapi)} · <a href="/api/docs/openapi.json">document OpenAPI (JSON)</a></p></header>
<main>${markdown(info.description)}
<nav><h2>Sommaire</h2><ul>${groups.map((g) => `<li><a href="#${escapeHtml(g.tag)}">${escapeHtml(g.tag)}</a> (${g.ops.length})</li>`).join('')}</ul></nav>
${groups
  .map(
    (g) =>
      `<h2 id="${escapeHtml(g.tag)}">${escapeHtml(g.tag)}</h2><p>${escapeHtml(tagDescription(g.tag))}</p>${g.ops
        .map((o) => operationBlock(o.method, o.path, o.operation))
        .join('')}`,
  )
  .join('')}
</main></body></html>`;
}
