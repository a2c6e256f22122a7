import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { createModal } from '@codegouvfr/react-dsfr/Modal';
import { useIsModalOpen } from '@codegouvfr/react-dsfr/Modal/useIsModalOpen';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { TEXT_LIMITS } from '@dataetat/widgets';
import { WIDGET_TYPE_INFO, type WidgetDefinition } from '@dataetat/widgets/react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../api/client.ts';
import { dashboardKeys, fetchDashboards } from '../api/dashboards.ts';
import { Loading } from '../components/Loading.tsx';
import { QueryErrorAlert } from '../components/QueryErrorAlert.tsx';
import {
  type AddedWidget,
  type AddTarget,
  addWidgetToDashboard,
  editableDashboards,
} from './addToDashboard.ts';

// DSFR modal: focus kept inside while open, Échap closes, focus goes back to the button.
const addModal = createModal({ id: 'ajouter-a-un-tableau-de-bord', isOpenedByDefault: false });

/** « Ajouter à un tableau de bord », for those who may edit dashboards (éditeur and above). */
export function AddToDashboardButton() {
  return (
    <Button iconId="fr-icon-dashboard-3-line" iconPosition="left" nativeButtonProps={addModal.buttonProps}>
      Ajouter à un tableau de bord
    </Button>
  );
}

type Status =
  | { readonly kind: 'form' }
  | { readonly kind: 'pending' }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'done'; readonly added: AddedWidget };

interface FieldErrors {
  readonly dashboard?: string;
  readonly title?: string;
}

/**
 * The dashboard the last widget went to, kept for this tab: adding several views in a row to one
 * dashboard (opening it in between) does not ask to find it again. Only offered while it is editable.
 */
const LAST_DASHBOARD_KEY = 'dataetat:explorateur:dernier-tableau-de-bord';
const lastDashboard = {
  read: () => {
    try {
      return sessionStorage.getItem(LAST_DASHBOARD_KEY) ?? '';
    } catch {
      return '';
    }
  },
  write: (id: string) => {
    try {
      sessionStorage.setItem(LAST_DASHBOARD_KEY, id);
    } catch {
      // Storage refused (private mode, quota): the choice is only not remembered.
    }
  },
};

const failureText = (error: unknown) =>
  error instanceof ApiError
    ? error.message
    : 'Une erreur inattendue est survenue. Réessayez dans un instant : votre visualisation reste dans l’explorateur.';

/**
 * The dialog: an existing dashboard the agent may edit, or a new one with its title. The widget
 * is taken as it is when the agent confirms; a failure keeps the dialog, the choice and the
 * explorer as they were, and says why in French.
 */
export function AddToDashboardDialog({ widget }: { readonly widget: WidgetDefinition }) {
  const client = useQueryClient();
  const [mode, setMode] = useState<'existing' | 'new'>('existing');
  const [dashboardId, setDashboardId] = useState(lastDashboard.read);
  const [title, setTitle] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<Status>({ kind: 'form' });
  const formId = useId();
  const selectId = useId();
  const titleId = useId();
  const openLink = useRef<HTMLAnchorElement>(null);

  // Each opening starts a new addition; the last dashboard chosen stays selected.
  const open = useIsModalOpen(addModal, {
    onDisclose: () => {
      setStatus({ kind: 'form' });
      setErrors({});
      setTitle('');
    },
  });
  const lists = useQuery({
    queryKey: dashboardKeys.list('', 'updated'),
    queryFn: ({ signal }) => fetchDashboards({ q: '', sort: 'updated' }, signal),
    enabled: open,
    staleTime: 0,
  });
  const editable = lists.data ? editableDashboards(lists.data) : [];
  const own = editable.filter((d) => d.permission === undefined);
  const shared = editable.filter((d) => d.permission === 'edit');
  const noneEditable = lists.isSuccess && editable.length === 0;
  const effectiveMode = noneEditable ? 'new' : mode;

  // Once added, the link to the dashboard takes the focus (the form and its button are gone).
  useEffect(() => {
    if (status.kind === 'done') openLink.current?.focus();
  }, [status.kind]);

  const focusField = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (status.kind === 'pending') return;
    let target: AddTarget;
    if (effectiveMode === 'new') {
      const trimmed = title.trim();
      if (!trimmed) {
        setErrors({ title: 'Donnez un titre au nouveau tableau de bord.' });
        focusField(titleId);
        return;
      }
      target = { kind: 'new', title: trimmed };
    } else {
      if (!editable.some((d) => d.id === dashboardId)) {
        setErrors({ dashboard: 'Choisissez le tableau de bord où ajouter la visualisation.' });
        focusField(selectId);
        return;
      }
      target = { kind: 'existing', id: dashboardId };
    }
    setErrors({});
    setStatus({ kind: 'pending' });
    try {
      const added = await addWidgetToDashboard(target, widget);
      setDashboardId(added.dashboard.id);
      lastDashboard.write(added.dashboard.id);
      setMode('existing');
      setStatus({ kind: 'done', added });
      void client.invalidateQueries({ queryKey: dashboardKeys.all });
    } catch (error) {
      setStatus({ kind: 'failed', message: failureText(error) });
    }
  };

  const done = status.kind === 'done' ? status.added : null;
  const pending = status.kind === 'pending';
  return (
    <addModal.Component
      title="Ajouter à un tableau de bord"
      className="explorer-add-dialog"
      buttons={
        done
          ? [{ children: 'Revenir à l’explorateur', priority: 'secondary' }]
          : [
              { children: 'Annuler', priority: 'secondary' },
              {
                children: pending ? 'Ajout en cours…' : 'Ajouter',
                doClosesModal: false,
                iconId: 'fr-icon-add-line',
                iconPosition: 'left',
                // Not `disabled`: a disabled button loses the focus; a second click is ignored.
                nativeButtonProps: { type: 'submit', form: formId, 'aria-disabled': pending },
              },
            ]
      }
    >
      {done ? (
        <div className="fr-alert fr-alert--success" role="status" data-testid="ajout-reussi">
          <h3 className="fr-alert__title">Visualisation ajoutée</h3>
          <p>
            « {widget.title} » est en bas de « {done.dashboard.title} ». Votre vue reste dans l’explorateur.
          </p>
          <p className="fr-mt-2w">
            <Link
              ref={openLink}
              className="fr-link fr-icon-arrow-right-line fr-link--icon-right"
              to={`/tableaux-de-bord/${encodeURIComponent(done.dashboard.id)}`}
            >
              Ouvrir le tableau de bord<span className="fr-sr-only"> « {done.dashboard.title} »</span>
            </Link>
          </p>
        </div>
      ) : (
        <form id={formId} onSubmit={(e) => void submit(e)} noValidate aria-busy={pending}>
          <p className="fr-text--sm">
            « {widget.title} » ({WIDGET_TYPE_INFO[widget.type].label.toLowerCase()}) sera ajouté en bas du
            tableau de bord, tel que vous l’avez construit : vous pourrez le déplacer dans l’éditeur.
          </p>
          {lists.isError && <QueryErrorAlert error={lists.error} onRetry={() => void lists.refetch()} />}
          {lists.isPending && open && <Loading label="Chargement de vos tableaux de bord…" height={80} />}
          <RadioButtons
            legend="Ajouter à"
            name={`${formId}-destination`}
            options={[
              {
                label: 'Un tableau de bord existant',
                hintText: noneEditable
                  ? 'Vous n’avez pas encore de tableau de bord modifiable : créez-en un.'
                  : 'Les vôtres et ceux que l’on vous a partagés en modification.',
                nativeInputProps: {
                  value: 'existing',
                  checked: effectiveMode === 'existing',
                  disabled: noneEditable,
                  onChange: () => {
                    setMode('existing');
                    setErrors({});
                  },
                },
              },
              {
                label: 'Nouveau tableau de bord',
                nativeInputProps: {
                  value: 'new',
                  checked: effectiveMode === 'new',
                  onChange: () => {
                    setMode('new');
                    setErrors({});
                  },
                },
              },
            ]}
          />
          {effectiveMode === 'existing' ? (
            <Select
              label="Tableau de bord"
              state={errors.dashboard ? 'error' : 'default'}
              stateRelatedMessage={errors.dashboard}
              nativeSelectProps={{
                id: selectId,
                value: dashboardId,
                required: true,
                'aria-invalid': errors.dashboard ? true : undefined,
                onChange: (e) => {
                  setDashboardId(e.target.value);
                  setErrors({});
                },
              }}
            >
              <option value="" disabled>
                Choisissez un tableau de bord
              </option>
              {own.length > 0 && (
                <optgroup label="Mes tableaux de bord">
                  {own.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.title}
                    </option>
                  ))}
                </optgroup>
              )}
              {shared.length > 0 && (
                <optgroup label="Partagés avec moi en modification">
                  {shared.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.title} — {d.ownerName}
                    </option>
                  ))}
                </optgroup>
              )}
            </Select>
          ) : (
            <Input
              label="Titre du nouveau tableau de bord"
              hintText="Par exemple : « Fonds vert en Bretagne »"
              state={errors.title ? 'error' : 'default'}
              stateRelatedMessage={errors.title}
              nativeInputProps={{
                id: titleId,
                value: title,
                required: true,
                'aria-invalid': errors.title ? true : undefined,
                maxLength: TEXT_LIMITS.title,
                autoComplete: 'off',
                onChange: (e) => {
                  setTitle(e.target.value);
                  setErrors({});
                },
              }}
            />
          )}
          {status.kind === 'failed' && (
            <div className="fr-alert fr-alert--error fr-alert--sm" role="alert" data-testid="ajout-echec">
              <p>{status.message}</p>
            </div>
          )}
        </form>
      )}
    </addModal.Component>
  );
}
