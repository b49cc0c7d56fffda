import { notFound } from 'next/navigation';
import { RoomView } from '@/components/call/RoomView';
import { RoomIdSchema, validate } from '@/lib/protocol/validation';

export default async function RoomPage({ params }: { params: Promise<{ roomId: string }> }) {
  const { roomId } = await params;
  const result = validate(RoomIdSchema, roomId);
  // A 404 (app/not-found.tsx explains the id), so crawlers and link checkers see a dead link as one.
  if (!result.ok) notFound();
  return <RoomView roomId={result.value} />;
}
