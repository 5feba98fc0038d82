// The notebook on its own page (/notebook-standalone/ in the production build): for working
// on the notebook without the playground, and for its end-to-end test. "Send to playground"
// here only records the model (window.__emflowSentModels) and says so.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import '../../styles/app.css';
import { NotebookView } from '../NotebookView';

type Sent = { name: string; size: number };
// What an app-provided dataset looks like to Python: data/sample.csv.
const SAMPLE_DATA = { 'sample.csv': 'x,label\n0.1,0\n0.9,1\n' };
const sent: Sent[] = [];
(window as unknown as { __emflowSentModels: Sent[] }).__emflowSentModels = sent;

function Standalone() {
  const [last, setLast] = useState<Sent | null>(null);
  return (
    <div style={{ height: '100vh', display: 'flex', flexDirection: 'column' }}>
      {last && (
        <div data-testid="standalone-sent" style={{ padding: 6, fontSize: 13 }}>
          Received model {last.name} ({last.size} bytes). In the playground it becomes a model node.
        </div>
      )}
      <div style={{ flex: 1, minHeight: 0 }}>
        <NotebookView
          storageKey="standalone"
          appBase="/"
          dataFiles={SAMPLE_DATA}
          onSendModel={(name, bytes) => {
            const entry = { name, size: bytes.length };
            sent.push(entry);
            setLast(entry);
          }}
        />
      </div>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Standalone />
  </StrictMode>,
);
