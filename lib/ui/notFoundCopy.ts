import { StreamIdSchema } from '@/lib/protocol/streamSchemas';
import { RoomIdSchema, validate } from '@/lib/protocol/validation';
import { displayId } from './displayId';

export interface NotFoundCopy {
  heading: string;
  detail: string;
}

/**
 * What the 404 page says for a path: a meeting or stream link with an id that
 * cannot exist says why; anything else is a page that is not there.
 */
export function notFoundCopy(pathname: string): NotFoundCopy {
  const [, section, rawId, ...rest] = pathname.split('/');
  if (rawId !== undefined && rest.length === 0) {
    if (section === 'room') {
      const result = validate(RoomIdSchema, safeDecode(rawId));
      if (!result.ok) return { heading: 'Invalid meeting link', detail: `“${displayId(rawId)}” is not a valid room id. ${result.message}.` };
    }
    if (section === 'studio' || section === 'watch') {
      const result = validate(StreamIdSchema, safeDecode(rawId));
      if (!result.ok) {
        const reason = result.message.replace(/room id/g, 'stream id');
        return { heading: 'Invalid stream id', detail: `“${displayId(rawId)}” is not a valid stream id. ${reason}.` };
      }
    }
  }
  return { heading: 'Page not found', detail: `There is no page at ${displayId(pathname)}. Check the link, or start from the home page.` };
}

function safeDecode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
