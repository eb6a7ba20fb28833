import { isPusherError, pusherOf, type ComponentHost, type PusherError, type PusherInstance } from 'ts-pusher';

/** One line for a person: code, both messages and what to do. */
export function explain(error: unknown): string {
  if (!isPusherError(error)) return String(error);
  return `${error.code}: ${error.message} / ${error.messageZh}. ${error.advice}`;
}

/** What `runOnPusher` needs of a page: its `<ts-pusher id="pusher">` and an `error` line. */
export interface PusherPage extends ComponentHost {
  readonly data: { readonly error: string };
  setData(patch: { error: string }): void;
}

/**
 * Runs `action` on the page's `#pusher`. Every method rejects with a `PusherError`; it is shown in
 * the page's `error` line instead of being left unhandled, unless `handled` shows it its own way.
 */
export async function runOnPusher(
  page: PusherPage,
  action: (pusher: PusherInstance) => Promise<unknown>,
  handled: (error: PusherError) => boolean = () => false,
): Promise<void> {
  if (page.data.error) page.setData({ error: '' });
  try {
    await action(pusherOf(page, '#pusher'));
  } catch (error) {
    if (!isPusherError(error) || !handled(error)) page.setData({ error: explain(error) });
  }
}
