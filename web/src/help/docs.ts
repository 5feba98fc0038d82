// The project's own documentation (docs/*.md), bundled into the app at build time so Help
// works offline: each page's id (file name), its title (first heading) and its Markdown.
const files = import.meta.glob('../../../docs/*.md', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

export interface DocPage {
  id: string;
  title: string;
  markdown: string;
}

/** The first `# heading` of a page, else its file name. */
export function titleOf(id: string, markdown: string): string {
  const m = /^#\s+(.+)$/m.exec(markdown);
  return m ? m[1].trim() : id;
}

export const DOC_PAGES: readonly DocPage[] = Object.entries(files)
  .map(([path, markdown]) => {
    const id = path.replace(/^.*\//, '').replace(/\.md$/, '');
    return { id, title: titleOf(id, markdown), markdown };
  })
  .sort((a, b) => a.title.localeCompare(b.title));

export const docById = (id: string): DocPage | undefined => DOC_PAGES.find((d) => d.id === id);

/**
 * A page as Help shows it: pictures (screenshots in the repository) become their caption,
 * links to other pages or files keep their text only — the renderer follows web links only.
 */
export function forHelp(markdown: string): string {
  return markdown
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '*(picture: $1)*')
    .replace(/\[([^\]]+)\]\((?!https?:)[^)]*\)/g, '$1');
}
