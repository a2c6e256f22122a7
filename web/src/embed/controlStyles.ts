/**
 * DSFR form controls — labels and fieldsets, selects, checkboxes, pagination — drawn by the table
 * (page size, pages, column chooser) and map (level) renderers only: an embed showing one of these
 * types adopts them (`adoptTypeStyles`), a bar or KPI embed does not download them (4 KB gzipped).
 */
import '@codegouvfr/react-dsfr/dsfr/component/form/form.main.min.css';
import '@codegouvfr/react-dsfr/dsfr/component/select/select.main.min.css';
import '@codegouvfr/react-dsfr/dsfr/component/checkbox/checkbox.main.min.css';
import '@codegouvfr/react-dsfr/dsfr/component/pagination/pagination.main.min.css';
