// Where the app's static files (pyodide/, py/, engine/, firmware/) are served, for views deep in
// the notebook (the measured Uno row fetches firmware/): NotebookView provides its appBase.
import { createContext } from 'react';

export const AppBaseContext = createContext<string>(import.meta.env?.BASE_URL ?? '/');
