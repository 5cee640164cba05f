import { useState } from 'preact/hooks';
import { ApiError } from './api';
import { Session } from './session';

export function SignIn({ onSession }: { onSession: (session: Session) => void }) {
  const [kind, setKind] = useState<'login' | 'register'>('login');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onSession(await Session.signIn(kind, username.trim(), password));
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'Something went wrong; try again.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="sign-in">
      <h1>Messenger</h1>
      <form
        onSubmit={(event) => void submit(event)}
        aria-label={kind === 'login' ? 'Sign in' : 'Create an account'}
      >
        <label>
          Username
          <input
            name="username"
            autoComplete="username"
            required
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete={kind === 'login' ? 'current-password' : 'new-password'}
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {kind === 'login' ? 'Sign in' : 'Create account'}
        </button>
      </form>
      <button class="link" type="button" onClick={() => setKind(kind === 'login' ? 'register' : 'login')}>
        {kind === 'login' ? 'New here? Create an account' : 'Have an account? Sign in'}
      </button>
    </main>
  );
}
