import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
  it('renders headings, paragraphs, lists and code', () => {
    const html = renderMarkdown(
      '# Title\n\nSome **bold** and `code`.\n\n- one\n- *two*\n\n```\na < b\n```',
    );
    expect(html).toBe(
      '<h1>Title</h1>\n<p>Some <strong>bold</strong> and <code>code</code>.</p>\n' +
        '<ul><li>one</li><li><em>two</em></li></ul>\n<pre><code>a &lt; b</code></pre>',
    );
  });

  it('never lets HTML through', () => {
    expect(renderMarkdown('<img src=x onerror=alert(1)>')).toBe(
      '<p>&lt;img src=x onerror=alert(1)&gt;</p>',
    );
    expect(renderMarkdown('[x](javascript:alert(1))')).not.toMatch(/href/);
  });
});
