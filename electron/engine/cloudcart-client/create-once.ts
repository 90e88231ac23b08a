/**
 * A create is never blindly repeated: when its answer is lost (dropped connection, timeout, 5xx
 * after the write), the object is looked for first and sent again only when it is not there.
 */
import { AppError } from '../errors';
import { LostAnswerError, type CloudCartHttp } from './http';
import { asOne, type Doc, type Resource } from './json-api-doc';

export type Finder = () => Promise<string | null>;

export async function createOnce(
  http: CloudCartHttp,
  type: string,
  attributes: Record<string, unknown>,
  relationships: Record<string, unknown>,
  find: Finder,
): Promise<Resource> {
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      const res = await http.send<Doc>('POST', `/${type}`, { data: { type, attributes, relationships } });
      return asOne(res.data, `POST /${type}`);
    } catch (err) {
      if (!(err instanceof LostAnswerError)) throw err;
      await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
      const existing = await find();
      if (existing) return { type, id: existing, attributes };
    }
  }
  throw new AppError('unavailable', {
    bg: 'Магазинът не потвърди създаването след няколко опита. Опитайте по-късно.',
    en: 'The store did not confirm the create after several tries. Try again later.',
  });
}
