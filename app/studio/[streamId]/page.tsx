import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { StudioView } from '@/components/studio/StudioView';
import { StreamIdSchema } from '@/lib/protocol';
import { validate } from '@/lib/protocol/validation';

type Props = { params: Promise<{ streamId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { streamId } = await params;
  const result = validate(StreamIdSchema, streamId);
  return { title: result.ok ? `Studio · ${result.value}` : 'Invalid stream id' };
}

export default async function StudioPage({ params }: Props) {
  const { streamId } = await params;
  const result = validate(StreamIdSchema, streamId);
  if (!result.ok) notFound();
  return <StudioView streamId={result.value} />;
}
