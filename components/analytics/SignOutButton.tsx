/** A plain form: the server clears the session cookie and sends the browser to the sign-in page. */
export function SignOutButton() {
  return (
    <form method="post" action="/analytics/sign-out">
      <button type="submit" className="h-8 rounded-lg px-2.5 text-xs font-medium text-zinc-400 ring-1 ring-zinc-800 hover:bg-zinc-800 hover:text-zinc-100">
        Sign out
      </button>
    </form>
  );
}
