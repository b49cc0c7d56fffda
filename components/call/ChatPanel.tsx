'use client';

import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useCallActions } from '@/client/useCallActions';
import { SendIcon } from '@/components/ui/icons';
import { formatChatTime } from '@/lib/ui/messages';
import { linkify } from '@/lib/ui/linkify';
import { useCallStore } from '@/stores/callStore';
import { SidePanel } from './SidePanel';

const MAX_CHARS = 2000;

export function ChatPanel({ onClose }: { onClose: () => void }) {
  const chat = useCallStore((s) => s.chat);
  const ownPeerIds = useCallStore((s) => s.ownPeerIds);
  const actions = useCallActions();
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const inputId = useId();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);

  // Keep the newest message in view unless the user scrolled up to read.
  const stickRef = useRef(true);
  useEffect(() => {
    const list = listRef.current;
    if (list && stickRef.current) list.scrollTop = list.scrollHeight;
  }, [chat.length]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = draft.trim();
    if (!text) return;
    setError(null);
    setDraft('');
    stickRef.current = true;
    try {
      await actions.sendChat(text);
    } catch {
      setError("Couldn't send your message. Try again.");
      setDraft((current) => current || text);
    }
  }

  const remaining = MAX_CHARS - draft.length;

  return (
    <SidePanel label="Chat" title="Chat" onClose={onClose} initialFocus={inputRef}>
      <div
        ref={listRef}
        role="log"
        aria-label="Chat history"
        onScroll={(e) => {
          const el = e.currentTarget;
          stickRef.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
        }}
        className="min-h-0 flex-1 overflow-y-auto px-4 py-3"
      >
        {chat.length === 0 ? (
          <p className="mt-8 text-center text-sm text-zinc-400">No messages yet</p>
        ) : (
          <ol className="flex flex-col gap-3">
            {chat.map((m) => {
              const own = ownPeerIds.includes(m.peerId);
              return (
                <li key={m.id} data-own={own ? 'true' : undefined} className={`flex flex-col ${own ? 'items-end' : 'items-start'}`}>
                  <div className="flex items-baseline gap-2 text-xs text-zinc-400">
                    <span className="font-medium text-zinc-300">{own ? 'You' : m.displayName}</span>
                    <time dateTime={new Date(m.sentAt).toISOString()}>{formatChatTime(m.sentAt)}</time>
                  </div>
                  <p
                    className={`mt-1 max-w-[85%] rounded-2xl px-3 py-2 text-sm break-words whitespace-pre-wrap ${
                      own ? 'rounded-br-sm bg-sky-600 text-white' : 'rounded-bl-sm bg-zinc-800 text-zinc-100'
                    }`}
                  >
                    <MessageText text={m.text} own={own} />
                  </p>
                </li>
              );
            })}
          </ol>
        )}
      </div>
      <form onSubmit={onSubmit} className="border-t border-zinc-800 p-3 pb-[max(0.75rem,env(safe-area-inset-bottom))]">
        <label htmlFor={inputId} className="sr-only">
          Message
        </label>
        <div className="flex gap-2">
          <input
            ref={inputRef}
            id={inputId}
            value={draft}
            maxLength={MAX_CHARS}
            onChange={(e) => setDraft(e.target.value)}
            placeholder="Send a message"
            autoComplete="off"
            enterKeyHint="send"
            className="h-10 min-w-0 flex-1 rounded-lg border border-zinc-700 bg-zinc-950 px-3 text-sm text-zinc-100 placeholder:text-zinc-500 focus:border-sky-400"
          />
          <button
            type="submit"
            disabled={draft.trim().length === 0}
            className="inline-flex h-10 shrink-0 items-center gap-1.5 rounded-lg bg-sky-500 px-3 text-sm font-semibold text-zinc-950 hover:bg-sky-400 disabled:cursor-not-allowed disabled:opacity-50"
          >
            <SendIcon className="size-4" />
            Send
          </button>
        </div>
        {remaining <= 200 && (
          <p className="mt-1 text-right text-xs text-zinc-400" aria-live="polite">
            {remaining} characters left
          </p>
        )}
        {error && (
          <p role="alert" className="mt-1 text-sm text-red-400">
            {error}
          </p>
        )}
      </form>
    </SidePanel>
  );
}

/** A message with its web links clickable; they open in a new tab that cannot reach back to the call. */
function MessageText({ text, own }: { text: string; own: boolean }) {
  return linkify(text).map((segment, i) =>
    segment.kind === 'link' ? (
      <a
        key={i}
        href={segment.href}
        target="_blank"
        rel="noopener noreferrer"
        className={`underline underline-offset-2 ${own ? 'text-white' : 'text-sky-300'} hover:no-underline`}
      >
        {segment.text}
      </a>
    ) : (
      <span key={i}>{segment.text}</span>
    ),
  );
}
