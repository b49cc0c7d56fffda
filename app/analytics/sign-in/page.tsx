import type { Metadata } from 'next';
import { SignInForm, type SignInNotice } from '@/components/analytics/SignInForm';

export const metadata: Metadata = { title: 'Sign in · Podium analytics' };

type Search = Record<string, string | string[] | undefined>;

function noticeOf(search: Search): SignInNotice {
  if (search.error === 'wrong-token') return 'wrong-token';
  if (search['signed-out'] !== undefined) return 'signed-out';
  return null;
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Search> }) {
  return <SignInForm notice={noticeOf(await searchParams)} />;
}
