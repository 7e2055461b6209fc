import { useEffect, useRef, useState } from 'preact/hooks';
import { login } from '../app/api-client';
import { signInNotice } from '../app/session';

export function LoginPage() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const email = useRef<HTMLInputElement>(null);
  useEffect(() => {
    document.title = 'Sign in · Rapport';
    email.current?.focus();
  }, []);

  const submit = async (ev: SubmitEvent) => {
    ev.preventDefault();
    const form = ev.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const e = String(data.get('email') ?? '').trim();
    const p = String(data.get('password') ?? '');
    if (!e || !p) return setError('Enter your email and password.');
    setBusy(true);
    setError(null);
    try {
      await login(e, p);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Sign-in failed.');
      setBusy(false);
    }
  };

  return (
    <section class="login-view" data-view="login">
      <div class="login-card">
        <h1>Sign in</h1>
        <p>Live health scores, SLAs and alerts for every outsourcing contract you oversee.</p>
        {signInNotice.value && (
          <p class="banner-notice" role="status" data-testid="sign-in-notice">
            {signInNotice.value}
          </p>
        )}
        <form id="login-form" class="login-form" noValidate onSubmit={(ev) => void submit(ev)}>
          <label for="login-email">Work email</label>
          <input ref={email} id="login-email" name="email" type="email" autoComplete="username" required />
          <label for="login-password">Password</label>
          <input id="login-password" name="password" type="password" autoComplete="current-password" required />
          {error && (
            <p id="login-error" class="form-error" role="alert">
              {error}
            </p>
          )}
          <button id="login-submit" type="submit" class="btn btn-primary btn-block" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <p class="login-foot">Vendor users see only their own scorecards.</p>
      </div>
    </section>
  );
}
