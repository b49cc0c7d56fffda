import { z } from 'zod';

/** A room id as it appears in `/room/<id>`. */
export const RoomIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'A room id is 1-64 letters, digits, "-" or "_"');

export const DisplayNameSchema = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string().min(1, 'Enter a display name').max(64, 'A display name is at most 64 characters'));

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** Turns a zod failure into one human sentence ("roomId: A room id is ..."). */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Invalid input';
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}

export function validate<S extends z.ZodType>(schema: S, input: unknown): ValidationResult<z.output<S>> {
  const parsed = schema.safeParse(input);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: describeZodError(parsed.error) };
}
