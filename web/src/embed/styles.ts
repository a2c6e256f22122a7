/**
 * The DSFR parts every embed draws — a widget frame (buttons, alerts, badges, the data table, the
 * empty-result callout) and a dashboard grid — and nothing else (no header, menus, modals…).
 * Form controls come with the types that draw them (controlStyles.ts). Plain CSS imports: the
 * embed build turns each into a style sheet adopted by the shadow roots
 * (scripts/build-embed.mjs, `shadowCss`), never into a `<link>` in the host page.
 */
import '@codegouvfr/react-dsfr/dsfr/core/core.main.min.css';
import '@codegouvfr/react-dsfr/dsfr/component/button/button.main.min.css';
import '@codegouvfr/react-dsfr/dsfr/component/alert/alert.main.min.css';
import '@codegouvfr/react-dsfr/dsfr/component/badge/badge.main.min.css';
import '@codegouvfr/react-dsfr/dsfr/component/table/table.main.min.css';
import '@codegouvfr/react-dsfr/dsfr/component/callout/callout.main.min.css';
import '../styles.css';
import '../dashboards/view.css';
import './embed.css';
