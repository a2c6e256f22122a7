import { createModal } from '@codegouvfr/react-dsfr/Modal';
import { useIsModalOpen } from '@codegouvfr/react-dsfr/Modal/useIsModalOpen';
import { useEffect } from 'react';
import { useLocation } from 'react-router-dom';
import { LoginForm } from './LoginForm.tsx';

const modal = createModal({ id: 'session-expiree', isOpenedByDefault: false });

/**
 * « Votre session a expiré »: the login form in a DSFR dialog over the page, so the work on
 * screen stays there. The identity provider button comes back to the same page, where the
 * draft kept in the browser is offered back.
 */
export function ReauthDialog({
  asking,
  email,
  signIn,
  onDismiss,
}: {
  asking: boolean;
  email: string;
  signIn: (email: string, password: string) => Promise<unknown>;
  onDismiss: () => void;
}) {
  const location = useLocation();
  const open = useIsModalOpen(modal, { onConceal: onDismiss });

  useEffect(() => {
    if (asking && !open) modal.open();
    else if (!asking && open) modal.close();
  }, [asking, open]);

  return (
    <modal.Component title="Votre session a expiré" size="medium">
      {asking && (
        <>
          <p>
            Vos modifications sont gardées sur cette page et dans ce navigateur. Reconnectez-vous pour les
            enregistrer.
          </p>
          <LoginForm
            signIn={signIn}
            returnTo={`${location.pathname}${location.search}`}
            initialEmail={email}
            headingLevel="h2"
          />
        </>
      )}
    </modal.Component>
  );
}
