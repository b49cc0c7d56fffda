import type { Metadata } from 'next';
import { InvalidStream } from '@/components/studio/InvalidStream';
import { WatchView } from '@/components/watch/WatchView';
import { StreamIdSchema } from '@/lib/protocol';
import { validate } from '@/lib/protocol/validation';

type Props = { params: Promise<{ streamId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { streamId } = await params;
  const result = validate(StreamIdSchema, streamId);
  return { title: result.ok ? `Watch · ${result.value}` : 'Invalid stream id' };
}

export default async function WatchPage({ params }: Props) {
  const { streamId } = await params;
  const result = validate(StreamIdSchema, streamId);
  if (!result.ok) return <InvalidStream streamId={streamId} reason={result.message} />;
  return <WatchView streamId={result.value} />;
}
