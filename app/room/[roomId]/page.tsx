import { InvalidRoom } from '@/components/call/InvalidRoom';
import { RoomView } from '@/components/call/RoomView';
import { RoomIdSchema, validate } from '@/lib/protocol/validation';

export default async function RoomPage({ params }: { params: Promise<{ roomId: string }> }) {
  const { roomId } = await params;
  const result = validate(RoomIdSchema, roomId);
  if (!result.ok) return <InvalidRoom roomId={roomId} reason={result.message} />;
  return <RoomView roomId={result.value} />;
}
