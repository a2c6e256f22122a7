import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { widget } from '../echarts/fixtures.ts';
import { markdownToHtml, renderMarkdown } from './markdown.ts';
import TextRenderer from './Renderer.tsx';

// DOMPurify's part (e.g. `javascript:` links) is checked in real Chromium (e2e/widgets.test.ts):
// happy-dom's DOM does not behave like a browser's under DOMPurify.

describe('markdownToHtml', () => {
  it('renders Markdown with headings below the widget title', () => {
    const html = markdownToHtml(
      '# Sources\n\nDonnées **DGCL**, voir [le site](https://www.data.gouv.fr/).\n\n- un\n- deux',
    );
    expect(html).toContain('<h3>Sources</h3>');
    expect(html).toContain('<strong>DGCL</strong>');
    expect(html).toContain('<a href="https://www.data.gouv.fr/">le site</a>');
    expect(html).toContain('<li>un</li>');
    expect(markdownToHtml('## Détail', 4)).toContain('<h5>Détail</h5>');
    expect(markdownToHtml('###### Bas', 3)).toContain('<h6>Bas</h6>');
  });
});

describe('raw HTML in Markdown', () => {
  it('is shown as text: no <script>, no onerror= attribute', () => {
    const html = markdownToHtml(
      'Bonjour <script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\nfin <b onclick="x()">gras</b>',
    );
    expect(html).not.toMatch(/<script|<img|<b |onerror="|onclick="/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt;');
  });
});

describe('renderMarkdown without a DOM (server-side rendering)', () => {
  it('escapes everything instead of injecting unsanitised HTML', () => {
    const html = renderMarkdown('Bonjour <script>alert(1)</script><img src=x onerror="alert(2)">');
    expect(html).toBe(
      '<p>Bonjour &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;</p>',
    );
  });
});

describe('TextRenderer', () => {
  it('never injects raw <script> or onerror=', () => {
    const html = renderToStaticMarkup(
      <TextRenderer
        widget={{
          ...widget('text', { markdown: 'À lire <script>alert(1)</script><img src=x onerror=alert(1)>' }),
          query: null,
        }}
        result={null}
      />,
    );
    expect(html).toContain('data-testid="text-widget"');
    expect(html).toContain('À lire');
    expect(html).not.toMatch(/<script|<img/);
  });

  it('says what to do when empty', () => {
    const html = renderToStaticMarkup(
      <TextRenderer widget={{ ...widget('text'), query: null }} result={null} />,
    );
    expect(html).toContain('Ce bloc de texte est vide');
  });
});
