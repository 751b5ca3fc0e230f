/** Loading an API resource in a component: data, error, loading and reload, cancelled when the key changes. */
import { useEffect, useRef, useState } from 'react';

export interface ApiState<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Calls `fetcher` on mount and whenever `key` changes (serialise the inputs into it), keeping the last data
 * while reloading.
 */
export function useApi<T>(fetcher: (signal: AbortSignal) => Promise<T>, key: string): ApiState<T> {
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;
  const [tick, setTick] = useState(0);
  const [state, setState] = useState<{ data: T | undefined; error: Error | undefined; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: true,
  });

  useEffect(() => {
    void key;
    void tick;
    const controller = new AbortController();
    setState((current) => ({ ...current, loading: true, error: undefined }));
    fetcherRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const failure = error instanceof Error ? error : new Error(String(error));
        setState((current) => ({ data: current.data, error: failure, loading: false }));
      },
    );
    return () => controller.abort();
  }, [key, tick]);

  const reloadRef = useRef(() => setTick((value) => value + 1));
  return { ...state, reload: reloadRef.current };
}
