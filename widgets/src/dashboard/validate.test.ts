import { describe, expect, it } from 'vitest';
import { fixtureCatalogue } from '../testing/fixture.ts';
import { DashboardError } from './errors.ts';
import type { DashboardDefinition } from './types.ts';
import { assertValidDashboard, validateDashboard } from './validate.ts';

const valid: DashboardDefinition = {
  schemaVersion: 1,
  title: 'Dotations',
  description: 'Test',
  widgets: [
    {
      id: 'kpi',
      type: 'kpi',
      title: 'Montant',
      query: { dataset: 'dotations_investissement', measures: ['montant_ae'] },
      options: { measure: 'montant_ae' },
    },
    {
      id: 'carte',
      type: 'map',
      title: 'Par département',
      query: { dataset: 'dotations_investissement', measures: ['montant_ae'], dimensions: ['departement'] },
      options: { mode: 'choropleth' },
    },
    { id: 'note', type: 'text', title: 'À lire', query: null, options: { markdown: 'Bonjour' } },
  ],
  layout: [
    { i: 'kpi', x: 0, y: 0, w: 4, h: 3 },
    { i: 'carte', x: 4, y: 0, w: 8, h: 6 },
    { i: 'note', x: 0, y: 3, w: 4, h: 3 },
  ],
  filters: [
    { id: 'annee', kind: 'annee', label: 'Année', default: [2019] },
    { id: 'territoire', kind: 'territoire', label: 'Territoire' },
  ],
};

// Deliberately untyped: each case writes what the types forbid.
// biome-ignore lint/suspicious/noExplicitAny: a free-form JSON copy to break
type Loose = Record<string, any>;

/** A deep copy with one change, so each case breaks exactly one thing. */
function broken(change: (d: Loose) => void): unknown {
  const copy = structuredClone(valid) as Loose;
  change(copy);
  return copy;
}

function issuesOf(json: unknown, source?: string) {
  const result = validateDashboard(json, fixtureCatalogue, source ? { source } : {});
  if (result.ok) throw new Error('expected the dashboard to be refused');
  return result.issues;
}

describe('validateDashboard', () => {
  it('accepts a well-formed dashboard and returns it typed', () => {
    const result = validateDashboard(valid, fixtureCatalogue);
    expect(result).toEqual({ ok: true, dashboard: valid });
  });

  it('names the file, the widget and the JSON path of an unknown field', () => {
    const [issue, ...rest] = issuesOf(
      broken((d) => {
        d.widgets[1].query.dimensions = ['departemnt'];
      }),
      'dashboards/dotations.json',
    );
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({
      code: 'DASHBOARD_WIDGET_QUERY',
      specCode: 'SPEC_UNKNOWN_FIELD',
      path: '/widgets/1/query/dimensions/0',
      widgetId: 'carte',
      field: 'departemnt',
    });
    expect(issue?.message).toBe(
      'dashboards/dotations.json, widget « carte », emplacement « /widgets/1/query/dimensions/0 » : ' +
        'le champ « departemnt » n’existe pas dans le jeu de données « dotations_investissement ».',
    );
  });

  it('refuses an unknown dataset, naming it', () => {
    const [issue] = issuesOf(
      broken((d) => {
        d.widgets[0].query.dataset = 'inconnu';
      }),
    );
    expect(issue).toMatchObject({
      path: '/widgets/0/query/dataset',
      field: 'inconnu',
      specCode: 'SPEC_UNKNOWN_DATASET',
    });
  });

  it('refuses an option naming a measure the query does not ask', () => {
    const [issue] = issuesOf(
      broken((d) => {
        d.widgets[0].options.measure = 'montant_cp';
      }),
    );
    expect(issue).toMatchObject({
      code: 'DASHBOARD_WIDGET_OPTION',
      path: '/widgets/0/options/measure',
      field: 'montant_cp',
    });
  });

  it('checks options against the type’s schema: unknown option, wrong value, with their path', () => {
    const [unknown, ...none] = issuesOf(
      broken((d) => {
        d.widgets[1].options.couleurs = 'bleu';
      }),
      'dashboards/dotations.json',
    );
    expect(none).toEqual([]);
    expect(unknown).toMatchObject({ code: 'DASHBOARD_WIDGET_OPTION', path: '/widgets/1/options/couleurs' });
    expect(unknown?.message).toBe(
      'dashboards/dotations.json, widget « carte », emplacement « /widgets/1/options/couleurs » : ' +
        'option inconnue « couleurs » (options possibles : mode, measure, classification, classes, ' +
        'latitudeField, longitudeField, cluster)',
    );
    const messages = (change: (d: Loose) => void) =>
      issuesOf(broken(change)).map((i) => `${i.path} ${i.message.split(' : ').slice(1).join(' : ')}`);
    expect(messages((d) => (d.widgets[1].options.classes = 9))).toEqual([
      '/widgets/1/options/classes valeur attendue : un entier entre 3 et 7',
    ]);
    expect(messages((d) => (d.widgets[1].options.mode = 'heatmap'))).toEqual([
      '/widgets/1/options/mode valeur attendue : une des valeurs "choropleth", "symbols", "points"',
    ]);
    expect(messages((d) => (d.widgets[0].options.compact = 'oui'))).toEqual([
      '/widgets/0/options/compact valeur attendue : un booléen (true ou false)',
    ]);
    expect(messages((d) => (d.widgets[2].options.headingLevel = 1))).toEqual([
      '/widgets/2/options/headingLevel valeur attendue : un entier entre 2 et 6',
    ]);
  });

  it('refuses a type that cannot show its query, naming the types that can', () => {
    const [misfit, ...none] = issuesOf(
      broken((d) => {
        d.widgets[0].type = 'map';
        d.widgets[0].options = {};
        d.widgets[0].query.measures = ['montant_ae', 'montant_cp'];
      }),
    );
    expect(none).toEqual([]);
    expect(misfit).toMatchObject({ code: 'DASHBOARD_WIDGET_TYPE', path: '/widgets/0/type', widgetId: 'kpi' });
    expect(misfit?.message).toBe(
      'widget « kpi », emplacement « /widgets/0/type » : le type « Carte » ne peut pas montrer cette ' +
        'requête (2 mesures, aucune dimension) ; types possibles : « Indicateur », « Tableau »',
    );
    // A pie draws one measure.
    const [pie] = issuesOf(
      broken((d) => {
        d.widgets[1].type = 'pie';
        d.widgets[1].options = {};
        d.widgets[1].query.measures = ['montant_ae', 'montant_cp'];
      }),
    );
    expect(pie?.message).toContain(
      'le type « Secteurs » ne peut pas montrer cette requête (2 mesures, dimension departement (geo)) ; ' +
        'types possibles : « Barres », « Tableau », « Carte »',
    );
  });

  it('refuses unknown keys and wrong types with a French reason', () => {
    expect(issuesOf(broken((d) => (d.couleur = 'bleu')))[0]).toMatchObject({
      code: 'DASHBOARD_SHAPE',
      path: '/couleur',
    });
    const [typeIssue] = issuesOf(broken((d) => (d.layout[0].w = 'large')));
    expect(typeIssue?.path).toBe('/layout/0/w');
    expect(typeIssue?.message).toContain('type attendu : entier');
    const [missing] = issuesOf(broken((d) => delete d.widgets[2].options));
    expect(missing).toMatchObject({ path: '/widgets/2/options', widgetId: 'note' });
    expect(missing?.message).toContain('propriété obligatoire « options » manquante');
  });

  it('checks the layout: every widget once, inside 12 columns, no overlap', () => {
    const codes = (json: unknown) => issuesOf(json).map((i) => `${i.code} ${i.path}`);
    expect(codes(broken((d) => d.layout.pop()))).toEqual(['DASHBOARD_LAYOUT /widgets/2']);
    expect(codes(broken((d) => d.layout.push({ i: 'kpi', x: 0, y: 20, w: 2, h: 2 })))).toEqual([
      'DASHBOARD_LAYOUT /layout/3/i',
    ]);
    expect(codes(broken((d) => (d.layout[1].w = 9)))).toEqual(['DASHBOARD_LAYOUT /layout/1/w']);
    expect(codes(broken((d) => (d.layout[2].y = 2)))).toEqual(['DASHBOARD_LAYOUT /layout/2']);
    expect(codes(broken((d) => (d.layout[0].i = 'fantome')))).toEqual([
      'DASHBOARD_LAYOUT /layout/0/i',
      'DASHBOARD_LAYOUT /widgets/0',
    ]);
  });

  it('checks duplicate ids, filter defaults by kind and text widgets without query', () => {
    const codes = (json: unknown) => issuesOf(json).map((i) => `${i.code} ${i.path}`);
    expect(codes(broken((d) => (d.filters[1].id = 'annee')))).toEqual([
      'DASHBOARD_DUPLICATE_ID /filters/1/id',
    ]);
    expect(codes(broken((d) => (d.filters[0].default = ['2019'])))).toEqual([
      'DASHBOARD_FILTER /filters/0/default',
    ]);
    expect(
      codes(broken((d) => (d.filters[1].default = { level: 'canton', code: '35', label: 'x' }))),
    ).toEqual(['DASHBOARD_FILTER /filters/1/default']);
    expect(codes(broken((d) => (d.widgets[2].query = valid.widgets[0]?.query)))).toEqual([
      'DASHBOARD_SHAPE /widgets/2/query',
    ]);
    expect(codes(broken((d) => (d.widgets[0].query = null)))).toEqual(['DASHBOARD_SHAPE /widgets/0/query']);
  });

  it('reports every problem at once, and assertValidDashboard throws them all', () => {
    const json = broken((d) => {
      d.widgets[0].query.measures = ['inconnue'];
      d.widgets[1].query.dimensions = ['inconnue'];
    });
    expect(issuesOf(json).map((i) => i.widgetId)).toEqual(['kpi', 'carte']);
    try {
      assertValidDashboard(json, fixtureCatalogue);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DashboardError);
      expect((error as DashboardError).issues).toHaveLength(2);
      expect((error as DashboardError).message).toMatch(/\(et 1 autre problème\)$/);
    }
  });
});
