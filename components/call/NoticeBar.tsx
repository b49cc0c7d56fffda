/** A dismissable line above the stage: information (status) or a problem (alert). */
export function NoticeBar({ tone, text, onDismiss }: { tone: 'info' | 'problem'; text: string; onDismiss: () => void }) {
  const info = tone === 'info';
  return (
    <div
      role={info ? 'status' : 'alert'}
      className={`mx-3 mt-2 flex items-center gap-3 rounded-lg px-3 py-2 text-sm ring-1 sm:mx-4 ${
        info ? 'bg-sky-500/15 text-sky-100 ring-sky-500/40' : 'bg-red-500/15 text-red-200 ring-red-500/40'
      }`}
    >
      <span className="min-w-0 flex-1">{text}</span>
      <button
        type="button"
        onClick={onDismiss}
        className={`rounded-md px-2 py-1 font-medium ${info ? 'text-sky-100 hover:bg-sky-500/20' : 'text-red-100 hover:bg-red-500/20'}`}
      >
        Dismiss
      </button>
    </div>
  );
}
