// The submit state of a dialog: `busy` while its request runs (buttons disabled), and the request's error message
// (shown in the dialog, which stays open) when it is refused.
import { useState } from 'react';

export interface Submit {
  busy: boolean;
  error: string | null;
  setError(message: string | null): void;
  /** Runs `action` once: clears the previous error, sets busy, and keeps a thrown error's message. */
  run(action: () => Promise<void>): Promise<void>;
}

export function useSubmit(): Submit {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
