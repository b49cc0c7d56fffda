import Link from 'next/link';

/** The way out of a page that cannot go on: back to the landing page. */
export function HomeLink() {
  return (
    <Link
      href="/"
      className="mt-6 inline-flex h-11 items-center justify-center rounded-xl bg-sky-500 px-5 font-semibold text-zinc-950 hover:bg-sky-400"
    >
      Back to home
    </Link>
  );
}
