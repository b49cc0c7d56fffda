import Link from 'next/link';

export function Logo() {
  return (
    <Link href="/" className="flex items-center gap-2 rounded-md text-lg font-semibold text-white">
      <svg viewBox="0 0 32 32" className="size-7" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="8" className="fill-sky-500" />
        <path d="M9 22V10h7a4 4 0 0 1 0 8h-7" fill="none" stroke="white" strokeWidth="2.5" strokeLinejoin="round" />
        <circle cx="22.5" cy="22" r="2" fill="white" />
      </svg>
      Podium
    </Link>
  );
}
