import { useEffect, useState } from 'react';
import type { RunItem, RunSummary } from '../../../shared/types/sync';
import { api, toApiError, type ApiError } from '../api';
import { useStatusStore } from '../stores/status-store';

/** A server's runs, newest first, read again whenever one of its runs finishes. */
export function useRuns(serverId: string, limit = 200) {
  const finished = useStatusStore((s) => s.finishedCount[serverId] ?? 0);
  const [runs, setRuns] = useState<RunSummary[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    let live = true;
    api.runsList({ serverId, limit }).then(
      (list) => live && (setRuns(list), setError(null)),
      (err) => live && setError(toApiError(err)),
    );
    return () => {
      live = false;
    };
  }, [serverId, limit, finished]);
  return { runs, error };
}

/** The items of one run (what it planned or changed). */
export function useRunItems(runId: string | null) {
  const [items, setItems] = useState<RunItem[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    if (!runId) return;
    let live = true;
    setItems(null);
    api.runsItems({ runId, limit: 20000 }).then(
      (r) => live && (setItems(r.items), setError(null)),
      (err) => live && setError(toApiError(err)),
    );
    return () => {
      live = false;
    };
  }, [runId]);
  return { items: runId ? items : null, error };
}
