// Reads a project file written by "Export now" / "Export data" back into a project: the whole
// record when it is sound; when it is a damaged record's export, whatever can be recovered
// (its `.fbp` text) with a note of what was left behind.
import { parseFbp } from '../graph-doc/fbpRead';
import { documentFromText } from '../state/document';
import type { Project } from './projectDb';
import { fromJsonSafe, PROJECT_FILE_FORMAT } from './recordJson';
import { validateProject } from './validateProject';

export type ProjectFileResult =
  | { kind: 'not-a-project-file' }
  | { kind: 'ok'; project: Project; note: string | null }
  | { kind: 'error'; error: string };

/** True when the text looks like a project file (so the graph importers must not read it). */
export const isProjectFileText = (text: string): boolean =>
  text.trimStart().startsWith('{') && text.includes(`"${PROJECT_FILE_FORMAT}"`);

export function readProjectFile(fileName: string, text: string): ProjectFileResult {
  if (!isProjectFileText(text)) return { kind: 'not-a-project-file' };
  let file: { format?: unknown; project?: unknown };
  try {
    file = JSON.parse(text) as typeof file;
  } catch (e) {
    return { kind: 'error', error: `${fileName}: not valid JSON (${(e as Error).message})` };
  }
  if (file.format !== PROJECT_FILE_FORMAT) return { kind: 'not-a-project-file' };
  const raw = fromJsonSafe(file.project);
  const v = validateProject(raw);
  if (v.ok) return { kind: 'ok', project: v.project, note: null };

  // A damaged record: its text, when it has one that parses, still holds the graph.
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const fbp = typeof r.text === 'string' ? r.text : '';
  if (!fbp.trim() || !parseFbp(fbp).ok) {
    return {
      kind: 'error',
      error: `${fileName}: the project in it is damaged (${v.problems.join('; ')}) and has no readable .fbp text to recover`,
    };
  }
  const doc = documentFromText(fbp);
  const now = Date.now();
  const name = typeof r.name === 'string' && r.name.trim() ? r.name.trim() : 'Recovered';
  return {
    kind: 'ok',
    project: { id: '', name, graph: doc.graph, text: fbp, createdAt: now, updatedAt: now },
    note: `Recovered the graph from its .fbp text; the rest was damaged (${v.problems.join('; ')}).`,
  };
}
