/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** The editors' login form (accounts are made with `reassess users add`; there is no sign-up). */
import { type EditorCtx, ed, editorDocument } from './layout.tsx';

export function loginPage(ctx: EditorCtx, o: { loginToken: string; next: string; error?: string }): string {
  return editorDocument(
    ctx,
    'Editors: log in',
    <>
      {o.error ? (
        <p class="problems" role="alert">
          {o.error}
        </p>
      ) : null}
      <form method="post" action={ed(ctx, '/login')} class="record-form">
        <input type="hidden" name="_login" value={o.loginToken} />
        <input type="hidden" name="next" value={o.next} />
        <label for="username">Username</label>
        <input id="username" name="username" autocomplete="username" required maxLength={40} />
        <label for="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          maxLength={200}
        />
        <p>
          <button type="submit" class="button">
            Log in
          </button>
        </p>
      </form>
      <p class="note">
        Accounts are made by the site's operator with <code>reassess users add</code>. Five wrong passwords in
        a row lock an account for 15 minutes.
      </p>
    </>,
  );
}
