/**
 * The one Snackbar of the app: success confirmations and errors. An error keeps the engine's
 * message (already in the user's language); when there is none (the host is unreachable, a bug),
 * the UI shows its own text for the error code.
 */
import { create } from 'zustand';
import type { ErrorCode } from '../../../shared/ipc/errors';
import type { ApiError } from '../api';

export type Notice =
  | { id: number; severity: 'success' | 'info'; text: string }
  | { id: number; severity: 'error'; text: string; code: ErrorCode };

interface NoticeState {
  notice: Notice | null;
  showSuccess(text: string): void;
  showError(error: ApiError): void;
  dismiss(): void;
}

let nextId = 1;

export const useNoticeStore = create<NoticeState>((set) => ({
  notice: null,
  showSuccess(text) {
    set({ notice: { id: nextId++, severity: 'success', text } });
  },
  showError(error) {
    set({ notice: { id: nextId++, severity: 'error', text: error.message, code: error.code } });
  },
  dismiss() {
    set({ notice: null });
  },
}));
