// Short messages to the user for every view: the provider keeps the toasts and shows them;
// useNotify() gives any view the function that adds one.
import { createContext, type ReactNode, useContext } from 'react';
import { type Notify, useToasts } from './notifications';
import { Toasts } from './Toasts';

const NotifyContext = createContext<Notify | null>(null);

export function NotifyProvider({ children }: { children: ReactNode }) {
  const { toasts, notify, dismiss } = useToasts();
  return (
    <NotifyContext.Provider value={notify}>
      {children}
      <Toasts toasts={toasts} dismiss={dismiss} />
    </NotifyContext.Provider>
  );
}

export function useNotify(): Notify {
  const notify = useContext(NotifyContext);
  if (!notify) throw new Error('useNotify() is used outside a <NotifyProvider>');
  return notify;
}
