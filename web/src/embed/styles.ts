/**
 * The DSFR parts a widget frame and a dashboard grid use, and nothing else (no header, menus,
 * modals…). Plain CSS imports: the embed build turns each into a style sheet adopted by the
 * shadow roots (scripts/build-embed.mjs, `shadowCss`), never into a `<link>` in the host page.
 */
import '@codegouvfr/react-dsfr/dsfr/core/core.main.min.css';
import '@codegouvfr/react-dsfr/dsfr/component/button/button.main.min.css';
import '@codegouvfr/react-dsfr/dsfr/component/alert/alert.main.min.css';
import '@codegouvfr/react-dsfr/dsfr/component/badge/badge.main.min.css';
import '@codegouvfr/react-dsfr/dsfr/component/table/table.main.min.css';
import '@codegouvfr/react-dsfr/dsfr/component/form/form.main.min.css';
import '@codegouvfr/react-dsfr/dsfr/component/select/select.main.min.css';
import '@codegouvfr/react-dsfr/dsfr/component/checkbox/checkbox.main.min.css';
import '@codegouvfr/react-dsfr/dsfr/component/pagination/pagination.main.min.css';
import '@codegouvfr/react-dsfr/dsfr/component/callout/callout.main.min.css';
import '../styles.css';
import '../dashboards/dashboards.css';
import './embed.css';
