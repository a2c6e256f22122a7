import { Input } from '@codegouvfr/react-dsfr/Input';
import { createModal } from '@codegouvfr/react-dsfr/Modal';
import { type FormEvent, useId, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../api/client.ts';
import { emptyDefinition, useDashboardMutations } from '../api/dashboards.ts';

const dialog = createModal({ id: 'creer-tableau-de-bord', isOpenedByDefault: false });

/** Props for the button that opens the dialog (« Créer un tableau de bord »). */
export const createDashboardButtonProps = dialog.buttonProps;

/**
 * « Créer un tableau de bord »: a title (required) and a description, then straight to the
 * editor. One dialog for the home page and the dashboards page, so both create the same way.
 */
export function CreateDashboardDialog() {
  const navigate = useNavigate();
  const { create } = useDashboardMutations();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [missing, setMissing] = useState(false);
  const formId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) {
      setMissing(true);
      return;
    }
    create.mutate(
      {
        title: title.trim(),
        description: description.trim(),
        definition: emptyDefinition(title.trim(), description.trim()),
      },
      {
        onSuccess: (dashboard) => {
          dialog.close();
          void navigate(`/tableaux-de-bord/${encodeURIComponent(dashboard.id)}/modifier`);
        },
      },
    );
  };
  const error = create.error
    ? create.error instanceof ApiError
      ? create.error.message
      : 'Une erreur inattendue est survenue. Réessayez dans un instant.'
    : null;
  return (
    <dialog.Component
      title="Créer un tableau de bord"
      buttons={[
        { children: 'Annuler', priority: 'secondary' },
        {
          children: create.isPending ? 'Création…' : 'Créer et commencer',
          doClosesModal: false,
          disabled: create.isPending,
          nativeButtonProps: { type: 'submit', form: formId },
        },
      ]}
    >
      <form id={formId} onSubmit={submit} noValidate>
        <Input
          label="Titre"
          hintText="Par exemple : « Fonds vert en Bretagne »"
          state={missing ? 'error' : 'default'}
          stateRelatedMessage="Donnez un titre au tableau de bord."
          nativeInputProps={{
            value: title,
            required: true,
            maxLength: 200,
            onChange: (e) => {
              setTitle(e.target.value);
              setMissing(false);
            },
          }}
        />
        <Input
          label="Description (facultative)"
          textArea
          nativeTextAreaProps={{
            value: description,
            maxLength: 5000,
            onChange: (e) => setDescription(e.target.value),
          }}
        />
        {error && (
          <div className="fr-alert fr-alert--error fr-alert--sm" role="alert">
            <p>{error}</p>
          </div>
        )}
      </form>
    </dialog.Component>
  );
}
