// The colour theme: the saved choice, else the system's preference; applied to the page and
// saved whenever it changes.
import { useEffect, useState } from 'react';

export type Theme = 'dark' | 'light';

const preferredTheme = (): Theme => {
  const saved = localStorage.getItem('emflow.theme');
  if (saved === 'dark' || saved === 'light') return saved;
  return matchMedia?.('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
};

export function useTheme(): [Theme, () => void] {
  const [theme, setTheme] = useState(preferredTheme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    localStorage.setItem('emflow.theme', theme);
  }, [theme]);
  return [theme, () => setTheme((t) => (t === 'dark' ? 'light' : 'dark'))];
}
