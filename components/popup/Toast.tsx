import type { PopupModel } from './model';

/** What just happened: a copy and when the clipboard clears, a deletion to undo, or an error. */
export function Toast({ model }: { model: PopupModel }) {
  const toast = model.toast.value;
  return (
    <div class={toast ? (toast.error ? 'toast toast-error' : 'toast') : 'toast toast-empty'} role="status" aria-live="polite">
      {toast && (
        <>
          <span class="toast-text">
            {toast.message}
            {toast.clearsInSeconds !== undefined && (
              <span class="toast-detail">
                {toast.clearsInSeconds === null ? ' · the clipboard is not cleared' : ` · clipboard clears in ${toast.clearsInSeconds} s`}
              </span>
            )}
          </span>
          {toast.undo && (
            <button type="button" class="link" onClick={() => void model.undoDelete(toast.undo!.id)}>
              Undo
            </button>
          )}
          <button type="button" class="icon-button" aria-label="Dismiss message" onClick={() => model.dismissToast()}>
            <span aria-hidden="true">×</span>
          </button>
        </>
      )}
    </div>
  );
}
