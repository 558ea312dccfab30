import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../../auth';

export function SignInPage() {
  const { t } = useTranslation();
  const { viewer, token, setToken, needsSignIn, fetching } = useSession();
  const [text, setText] = useState('');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const refused = !!token && needsSignIn && !fetching;
  return (
    <div className="page narrow">
      <h1>{t('signin.title')}</h1>
      {viewer && (
        <section className="panel" aria-labelledby="who-h" data-testid="viewer">
          <h2 id="who-h">{viewer.authenticated ? t('signin.signedInAs', { actor: viewer.actor }) : t('signin.localDev')}</h2>
          <p>
            {t('signin.roles')}: <strong>{viewer.roles.join(', ')}</strong>
          </p>
          <p>
            {t('signin.regions')}: {viewer.regions ? viewer.regions.join(', ') : t('signin.allRegions')}
          </p>
          {!viewer.seesPersonalData && <p className="warn-text">{t('signin.masked')}</p>}
          {viewer.authenticated && (
            <button type="button" onClick={() => setToken(null)}>
              {t('nav.signOut')}
            </button>
          )}
        </section>
      )}
      {refused && (
        <p role="alert" className="error">
          {t('signin.failed', { message: '401' })}
        </p>
      )}
      {(!viewer || viewer.authenticated) && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!text.trim()) return;
            setToken(text.trim());
            setText('');
            const next = params.get('next');
            if (next && next.startsWith('/')) navigate(next);
          }}
        >
          <p>{t('signin.help')}</p>
          <label className="block">
            {t('signin.token')}
            <textarea
              data-testid="token"
              rows={3}
              value={text}
              onChange={(e) => setText(e.target.value)}
              autoComplete="off"
              spellCheck={false}
            />
          </label>
          <button type="submit">{t('signin.submit')}</button>
        </form>
      )}
    </div>
  );
}
